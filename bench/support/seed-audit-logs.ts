import postgres from "postgres";

/** Sizes of the audit-log benchmark; `scale` 1 is the full size (AUDIT_BENCH_SCALE=0.1 for a tenth). */
export function auditLogSize(scale: number) {
  const n = (full: number) => Math.max(1, Math.round(full * scale));
  const otherOrganizations = n(1000);
  const perOtherOrganization = 9000;
  return {
    organizationEvents: n(1_000_000),
    otherOrganizations,
    perOtherOrganization,
    otherEvents: otherOrganizations * perOtherOrganization,
    // The export's size is the issue's (100,000) whenever the organization holds that many: a smaller seed
    // (AUDIT_BENCH_SCALE) shrinks the viewer's tables, not the export being timed.
    exportEvents: Math.min(100_000, n(1_000_000)),
  };
}
export type AuditLogSize = ReturnType<typeof auditLogSize>;

/** Twenty actions, a thousand actors, two targets per event (a document of its own and one of 40 teams). */
export const ACTIONS = 20;
export const ACTORS = 1000;
const actions = [
  "user.signed_in",
  "user.signed_out",
  "user.invited",
  "user.role_changed",
  "user.deleted",
  "document.created",
  "document.viewed",
  "document.updated",
  "document.exported",
  "document.deleted",
  "document.shared",
  "team.created",
  "team.member_added",
  "team.member_removed",
  "api_key.created",
  "api_key.revoked",
  "settings.updated",
  "billing.plan_changed",
  "sso.connection_updated",
  "report.downloaded",
];

/**
 * One event per row of `from`, whose `o` is the organization's number in the ids, `g` the event's
 * number within it, `org` its id and `at` its occurred_at. Ids keep the services' shape (prefix and 26
 * characters) and grow in insertion order within a chunk, as ULIDs do; the actor cycles through all
 * thousand in every thousand consecutive events.
 */
function insertEvents(from: string): string {
  const actor = `((g::bigint * 7919) % ${ACTORS})`;
  return `insert into audit_log_events (id, organization_id, action, occurred_at, actor_id, actor_name, actor_type, actor, targets,
      search_text, location, user_agent, metadata)
    select 'audit_log_event_' || lpad(o::text, 6, '0') || lpad(g::text, 20, '0'), org,
      (array[${actions.map((a) => `'${a}'`).join(",")}])[1 + g % ${ACTIONS}], at,
      'user_' || ${actor}, 'User ' || ${actor}, 'user',
      jsonb_build_object('id', 'user_' || ${actor}, 'type', 'user', 'name', 'User ' || ${actor},
        'metadata', jsonb_build_object('role', (array['admin','member','viewer'])[1 + ${actor} % 3])),
      jsonb_build_array(jsonb_build_object('id', 'doc_' || g, 'type', 'document', 'name', 'Document ' || g),
        jsonb_build_object('id', 'team_' || g % 40, 'type', 'team', 'name', 'Team ' || g % 40)),
      'user ' || ${actor} || ' user_' || ${actor} || ' document ' || g || ' doc_' || g || ' team ' || g % 40 || ' team_' || g % 40,
      '203.0.113.' || g % 250, 'Mozilla/5.0 (bench)', jsonb_build_object('request_id', 'req_' || g)
    from ${from}`;
}

/** Rows per statement: a chunk is one transaction, and two run side by side (one per core). */
const CHUNK = 250_000;

/**
 * The benchmark organization's events one second apart, the newest at `newest`, and the other
 * organizations' (created here) 288 seconds apart over the 30 days before it. Set-based statements in
 * chunks on two connections.
 */
export async function seedAuditLogs(url: string, size: AuditLogSize, organizationId: string, newest: Date): Promise<void> {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const t0 = `'${newest.toISOString()}'::timestamptz`;
    await sql.unsafe(`insert into organizations (id, name, created_at, updated_at)
      select 'org_' || lpad(o::text, 26, '0'), 'Company ' || o, now(), now() from generate_series(1, ${size.otherOrganizations}) o`);
    const chunks: string[] = [];
    for (let first = 1; first <= size.organizationEvents; first += CHUNK) {
      const last = Math.min(size.organizationEvents, first + CHUNK - 1);
      chunks.push(
        insertEvents(`(select 0 as o, g, '${organizationId}' as org, ${t0} - (${size.organizationEvents} - g) * interval '1 second' as at
          from generate_series(${first}, ${last}) g) e`),
      );
    }
    const organizationsPerChunk = Math.max(1, Math.floor(CHUNK / size.perOtherOrganization));
    for (let first = 1; first <= size.otherOrganizations; first += organizationsPerChunk) {
      const last = Math.min(size.otherOrganizations, first + organizationsPerChunk - 1);
      const p = size.perOtherOrganization;
      chunks.push(
        insertEvents(`(select o, g, 'org_' || lpad(o::text, 26, '0') as org, ${t0} - (${p} - g) * interval '288 seconds' as at
          from generate_series(${first}, ${last}) o, generate_series(1, ${p}) g) e`),
      );
    }
    let next = 0;
    let done = 0;
    const started = performance.now();
    await Promise.all(
      [0, 1].map(async () => {
        for (let i = next++; i < chunks.length; i = next++) {
          await sql.unsafe(chunks[i]!);
          done++;
          if (done % 8 === 0 || done === chunks.length) {
            console.log(`  seeded ${done}/${chunks.length} chunks in ${Math.round((performance.now() - started) / 1000)} s`);
          }
        }
      }),
    );
  } finally {
    await sql.end();
  }
}
