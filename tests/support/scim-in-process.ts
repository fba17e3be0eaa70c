import type { Db } from "@/db/client";
import { handleScimRequest } from "@/server/api/scim-route";

/** An identity provider calling a directory's SCIM endpoint in-process (the route's own entry point), with its bearer token. */
export function inProcessScim(db: Db, directoryId: string, token: string) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await handleScimRequest(
      db,
      new Request(`http://localhost/scim/v2/${directoryId}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      { directoryId, path: path.split("?")[0]!.split("/").filter(Boolean) },
    );
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

/** `inProcessScim` for calls that must succeed: answers the body, and fails the test on any other status. */
export function inProcessScimOk(db: Db, directoryId: string, token: string) {
  const scim = inProcessScim(db, directoryId, token);
  return async (method: string, path: string, body?: unknown) => {
    const response = await scim(method, path, body);
    if (response.status >= 300) throw new Error(`SCIM ${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
}
