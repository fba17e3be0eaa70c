import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staff, type StaffRole } from "@/db/schema";
import { hashPassword } from "@/server/crypto/passwords";
import { newId } from "@/server/ids";
import { freshDatabaseEnv, startServer, type RunningServer } from "../support/server";
import { seedDatabase } from "../support/sso-flow";

/**
 * The dashboard's Outbox over HTTP, as the browser calls it. Its messages led to customers' setup
 * links, so a read-only viewer must not reach it; an admin still opens a link that was not delivered.
 */
const password = "correct horse battery staple";
const people: Record<Exclude<StaffRole, "owner">, string> = { viewer: "viewer@vendor-outbox.example.com", admin: "admin@vendor-outbox.example.com" };
let server: RunningServer;

beforeAll(async () => {
  const database = await freshDatabaseEnv();
  const passwordHash = await hashPassword(password);
  await seedDatabase(database.env, async (db) => {
    for (const [role, email] of Object.entries(people)) await db.insert(staff).values({ id: newId("user"), email, role: role as StaffRole, passwordHash });
  });
  server = await startServer({ database });
});
afterAll(async () => {
  await server?.stop();
});

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!);

/** Signs in through next-auth's credentials endpoint, as the sign-in form does, and returns the cookies. */
async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${server.url}/dashboard` }).toString(),
  });
  const cookies = [...jar, ...cookiesOf(response)];
  expect(
    cookies.some((c) => /session-token=/.test(c)),
    `signed in as ${email}`,
  ).toBe(true);
  return cookies.join("; ");
}

async function call(cookie: string, path: string, input?: unknown, kind: "query" | "mutation" = "query") {
  const url = `${server.url}/api/trpc/${path}${kind === "query" && input !== undefined ? `?input=${encodeURIComponent(JSON.stringify(input))}` : ""}`;
  const response = await fetch(url, {
    method: kind === "query" ? "GET" : "POST",
    headers: { cookie, "Content-Type": "application/json", Origin: server.url },
    body: kind === "mutation" ? JSON.stringify(input ?? {}) : undefined,
  });
  // biome-ignore lint/suspicious/noExplicitAny: tRPC's JSON envelope, asserted field by field
  return { status: response.status, body: (await response.json()) as any };
}

describe("the Outbox", () => {
  it("refuses a read-only viewer", async () => {
    const viewer = await signIn(people.viewer);
    expect((await call(viewer, "staff.me")).status).toBe(200);
    const outbox = await call(viewer, "settings.outbox");
    expect(outbox.status).toBe(403);
    expect(outbox.body.error.data.code).toBe("FORBIDDEN");
    expect(JSON.stringify(outbox.body)).not.toContain("portal/launch");
  });

  it("lets an admin open the link of a message that was not delivered", async () => {
    const admin = await signIn(people.admin);
    const organization = await call(admin, "organizations.create", { name: "Outbox Over HTTP" }, "mutation");
    expect(organization.status).toBe(200);
    const created = await call(
      admin,
      "setupLinks.create",
      { organizationId: organization.body.result.data.id, intents: ["sso"], email: "it@outbox-http.example.com" },
      "mutation",
    );
    expect(created.body.result.data.delivery).toBe("outbox");
    const url: string = created.body.result.data.url;
    const outbox = await call(admin, "settings.outbox");
    expect(outbox.status).toBe(200);
    const message = outbox.body.result.data.messages.find((m: { to: string }) => m.to === "it@outbox-http.example.com");
    expect(message.text).toContain(url);
    const opened = await fetch(new RegExp(`${server.url}/portal/launch/\\S+`).exec(message.text)![0], { redirect: "manual" });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe(`${server.url}/portal`);
  });
});
