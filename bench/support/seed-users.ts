import postgres from "postgres";
import { ulid } from "ulid";

/**
 * Seeds `count` users (each in two of `groups` groups) into a directory with set-based SQL, straight
 * into the tables the services use: 100,000 users through SCIM would take minutes and measure the
 * write path again, while this read benchmark needs only the rows. IDs keep the services' shape
 * (`directory_user_` + 26 Crockford characters) and sort in creation order, as ULIDs do.
 */
export async function seedDirectoryUsers(databaseUrl: string, directoryId: string, count: number, groups: number): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [directory] = await sql`select organization_id from directories where id = ${directoryId}`;
    const organizationId = directory!.organization_id as string;
    const stamp = ulid().slice(0, 10);
    await sql.begin(async (tx) => {
      await tx`insert into directory_groups (id, organization_id, directory_id, display_name, external_id, raw_attributes, created_at, updated_at)
        select 'directory_group_' || ${stamp} || lpad(g::text, 16, '0'), ${organizationId}, ${directoryId}, 'Seeded group ' || g, 'ext-g' || g,
          jsonb_build_object('displayName', 'Seeded group ' || g, 'externalId', 'ext-g' || g), now(), now()
        from generate_series(1, ${groups}) g`;
      await tx`insert into directory_users (id, organization_id, directory_id, user_name, external_id, email, first_name, last_name, active,
          raw_attributes, custom_attributes, created_at, updated_at)
        select 'directory_user_' || ${stamp} || lpad(g::text, 16, '0'), ${organizationId}, ${directoryId},
          'seed.user' || g || '@bench.example.com', 'ext-u' || g, 'seed.user' || g || '@bench.example.com', 'Seed', 'User ' || g, g % 20 <> 0,
          jsonb_build_object(
            'userName', 'seed.user' || g || '@bench.example.com', 'externalId', 'ext-u' || g, 'active', g % 20 <> 0,
            'name', jsonb_build_object('givenName', 'Seed', 'familyName', 'User ' || g),
            'emails', jsonb_build_array(jsonb_build_object('value', 'seed.user' || g || '@bench.example.com', 'primary', true, 'type', 'work')),
            'title', 'Engineer ' || (g % 7),
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', jsonb_build_object('department', 'Dept ' || (g % 13), 'costCenter', 'CC' || (g % 5))),
          jsonb_build_object('department', 'Dept ' || (g % 13), 'job_title', 'Engineer ' || (g % 7)),
          now(), now()
        from generate_series(1, ${count}) g`;
      await tx`insert into directory_group_members (organization_id, directory_id, group_id, user_id, created_at)
        select ${organizationId}, ${directoryId}, 'directory_group_' || ${stamp} || lpad(k::text, 16, '0'), 'directory_user_' || ${stamp} || lpad(g::text, 16, '0'), now()
        from generate_series(1, ${count}) g, lateral (values (g % ${groups} + 1), ((g * 7 + 3) % ${groups} + 1)) as pair(k)
        on conflict do nothing`;
    });
    await sql`analyze directory_users`;
    await sql`analyze directory_group_members`;
    await sql`analyze directory_groups`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
