import type postgres from "postgres";

/** Row counts of the large tenant; `scale` 1 is the full size (LARGE_TENANT_SCALE=0.01 for a quick run). */
export function tenantSize(scale: number) {
  const n = (full: number) => Math.max(1, Math.round(full * scale));
  const directories = n(1000);
  return { organizations: Math.max(n(100_000), directories), directories, usersPerDirectory: 1000, events: n(1_000_000) };
}

/**
 * Seeds the large tenant with set-based SQL, straight into the tables the services read: organizations
 * (one domain each), directories in the first organizations, 1,000 users per directory (one in twenty
 * inactive), and events spread over the last 30 days across the organizations. Ids keep the services'
 * shape (prefix + 26 characters) and sort in creation order, as ULIDs do.
 */
export async function seedTenant(sql: postgres.Sql, size: ReturnType<typeof tenantSize>): Promise<void> {
  const pad = (column: string) => `lpad(${column}::text, 26, '0')`;
  await sql.unsafe(`insert into organizations (id, name, external_id, created_at, updated_at)
    select 'org_' || ${pad("g")}, 'Company ' || g || ' ' || (array['Labs','Systems','Health','Bank','Retail'])[1 + g % 5], 'ext-org-' || g,
      now() - (${size.organizations} - g) * interval '1 second', now()
    from generate_series(1, ${size.organizations}) g`);
  await sql.unsafe(`insert into organization_domains (id, organization_id, domain, state, verification_strategy, created_at, updated_at)
    select 'org_domain_' || ${pad("g")}, 'org_' || ${pad("g")}, 'company' || g || '.example.com',
      case when g % 3 = 0 then 'pending' else 'verified' end, 'manual', now(), now()
    from generate_series(1, ${size.organizations}) g`);
  await sql.unsafe(`insert into directories (id, organization_id, name, type, state, external_key, token_hash, attribute_map, created_at, updated_at)
    select 'directory_' || ${pad("d")}, 'org_' || ${pad("d")}, 'Directory ' || d, 'okta scim v2.0', 'linked', 'key' || d,
      md5('token' || d) || md5('t' || d), '{}'::jsonb, now(), now()
    from generate_series(1, ${size.directories}) d`);
  const perDirectory = size.usersPerDirectory;
  await sql.unsafe(`insert into directory_users (id, organization_id, directory_id, user_name, external_id, email, first_name, last_name, active,
      raw_attributes, custom_attributes, created_at, updated_at)
    select 'directory_user_' || ${pad("g")}, 'org_' || ${pad("d")}, 'directory_' || ${pad("d")},
      'user' || g || '@company' || d || '.example.com', 'ext-u' || g, 'user' || g || '@company' || d || '.example.com', 'First' || (g % 997), 'Last' || g,
      g % 20 <> 0,
      jsonb_build_object('userName', 'user' || g || '@company' || d || '.example.com', 'active', g % 20 <> 0,
        'name', jsonb_build_object('givenName', 'First' || (g % 997), 'familyName', 'Last' || g),
        'emails', jsonb_build_array(jsonb_build_object('value', 'user' || g || '@company' || d || '.example.com', 'primary', true))),
      jsonb_build_object('department', 'Dept ' || (g % 13)), now(), now()
    from generate_series(1, ${size.directories}) d, lateral generate_series((d - 1) * ${perDirectory} + 1, d * ${perDirectory}) g`);
  await sql.unsafe(`insert into events (id, organization_id, event, data, created_at)
    select 'event_' || ${pad("g")}, 'org_' || ${pad(`(1 + g % ${size.organizations})`)},
      (array['dsync.user.created','dsync.user.updated','organization.updated','connection.activated','dsync.group.user_added'])[1 + g % 5],
      jsonb_build_object('id', 'directory_user_' || g, 'object', 'directory_user'),
      now() - interval '29 days' + g * (interval '29 days' / ${size.events})
    from generate_series(1, ${size.events}) g`);
  await sql`analyze`;
}
