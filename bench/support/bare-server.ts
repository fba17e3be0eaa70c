/**
 * The baseline: a bare node:http + postgres.js server that does the least a SCIM endpoint could do,
 * one statement per request (an INSERT for writes, a SELECT for reads), with no auth, validation,
 * events or logging. Started as its own process so it gets a core the way the app does.
 * Env: DATABASE_URL, PORT. Prints "ready" when listening.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import postgres from "postgres";

const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

function send(res: ServerResponse, status: number, value?: unknown) {
  if (value === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(value);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) }).end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://bare");
  const parts = url.pathname.split("/").filter(Boolean);
  if (req.method === "POST" && parts[0] === "Users") {
    const user = (await body(req)) as { userName: string };
    const rows = await sql`insert into bench_bare_users (id, user_name, raw) values (${randomUUID()}, ${user.userName}, ${sql.json(user as never)})
      on conflict do nothing returning id, user_name, created_at`;
    return rows[0] ? send(res, 201, { id: rows[0].id, userName: rows[0].user_name, meta: { created: rows[0].created_at } }) : send(res, 409, { status: "409" });
  }
  if (req.method === "PATCH" && parts[0] === "Groups" && parts[1]) {
    const patch = (await body(req)) as { Operations: { value: { value: string }[] }[] };
    const ids = patch.Operations.flatMap((op) => op.value.map((m) => m.value));
    await sql`insert into bench_bare_members (group_id, user_id) select ${parts[1]}, unnest(${ids}::text[]) on conflict do nothing`;
    return send(res, 204);
  }
  if (req.method === "GET" && parts[0] === "Users") {
    const filter = /^userName eq "(.*)"$/.exec(url.searchParams.get("filter") ?? "");
    if (filter) {
      const rows = await sql`select id, user_name, raw from bench_bare_users where lower(user_name) = lower(${filter[1]!})`;
      return send(res, 200, { totalResults: rows.length, Resources: rows.map((r) => r.raw) });
    }
    const count = Number(url.searchParams.get("count") ?? 100);
    const offset = Number(url.searchParams.get("startIndex") ?? 1) - 1;
    const rows = await sql`select raw, (select count(*) from bench_bare_users) as total from bench_bare_users order by id limit ${count} offset ${offset}`;
    return send(res, 200, { totalResults: Number(rows[0]?.total ?? 0), Resources: rows.map((r) => r.raw) });
  }
  if (req.method === "GET" && parts[0] === "directory_users") {
    const after = url.searchParams.get("after");
    const rows = await sql`select * from directory_users where directory_id = ${url.searchParams.get("directory")!}
      ${after ? sql`and id < ${after}` : sql``} order by id desc limit 101`;
    return send(res, 200, { object: "list", data: rows.slice(0, 100), list_metadata: { before: null, after: rows[100] ? rows[99]!.id : null } });
  }
  send(res, 404, { error: "not found" });
}

createServer((req, res) => {
  handle(req, res).catch((error: Error) => send(res, 500, { error: error.message }));
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
