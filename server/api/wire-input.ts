import { ValidationError } from "@/server/errors";

/** The JSON body must be an object; anything else is named as the problem. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ValidationError([{ field: "body", code: "invalid_type", message: "must be a JSON object" }]);
  }
  return body as Record<string, unknown>;
}

/** WorkOS list query: `limit`, `before`, `after`, `order`; arrays arrive comma-joined (`domains=a.com,b.com`). */
export function listQuery(url: URL) {
  const get = (name: string) => url.searchParams.get(name) ?? undefined;
  return {
    limit: get("limit") as number | undefined,
    before: get("before"),
    after: get("after"),
    order: get("order") as "asc" | "desc" | undefined,
  };
}

export function csvParam(url: URL, name: string): string[] | undefined {
  const values = url.searchParams
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
}

/** A list response in the WorkOS shape. */
export function listBody<T>(page: { data: T[]; listMetadata: { before: string | null; after: string | null } }) {
  return { object: "list", data: page.data, list_metadata: page.listMetadata };
}
