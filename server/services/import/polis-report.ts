export type ImportOutcome = "created" | "updated" | "unchanged" | "failed" | "skipped";

/** How an imported connection's users keep signing in. */
export type SignInContinuity =
  | { kind: "kept"; acsUrl: string; entityId: string }
  | { kind: "idp_change"; acsUrl: string; entityId: string; metadataUrl: string }
  | { kind: "oidc_redirect_uri"; redirectUri: string };

export interface ConnectionReport {
  polisClientId: string;
  protocol: "saml" | "oidc";
  name: string;
  outcome: ImportOutcome;
  connectionId: string | null;
  signIn: SignInContinuity | null;
  notes: string[];
}

export interface DirectoryReport {
  polisDirectoryId: string;
  name: string;
  type: string;
  outcome: ImportOutcome;
  directoryId: string | null;
  scimBaseUrl: string | null;
  /** Only in the CLI's output, only when the directory was made: never stored. */
  bearerToken?: string;
  notes: string[];
}

export interface TenantReport {
  tenant: string;
  product: string;
  organizationId: string | null;
  organizationName: string;
  outcome: ImportOutcome;
  error: string | null;
  connections: ConnectionReport[];
  directories: DirectoryReport[];
}

export interface PolisImportReport {
  dryRun: boolean;
  source: string;
  polisSp: { entityId: string; acsUrl: string } | null;
  tenants: TenantReport[];
  totals: Record<ImportOutcome, number>;
}

export function totalsOf(tenants: TenantReport[]): Record<ImportOutcome, number> {
  const totals: Record<ImportOutcome, number> = { created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 };
  for (const t of tenants) {
    if (t.outcome === "failed") totals.failed++;
    for (const item of [...t.connections, ...t.directories]) totals[item.outcome]++;
  }
  return totals;
}

/** A tenant's outcome from its parts: "unchanged" only when nothing in it changed. */
export function tenantOutcome(organization: ImportOutcome, items: { outcome: ImportOutcome }[]): ImportOutcome {
  if (organization === "created") return "created";
  return items.some((i) => i.outcome === "created" || i.outcome === "updated") ? "updated" : "unchanged";
}

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The report as the CLI prints it: one table, then what each IT admin must change, then SCIM. */
export function reportTable(report: PolisImportReport): string {
  const would = report.dryRun ? "would be " : "";
  const rows: string[][] = [["TENANT", "PRODUCT", "ITEM", "OUTCOME", "PORTICO ID"]];
  for (const t of report.tenants) {
    rows.push([t.tenant, t.product, "organization", t.error ? `failed: ${t.error}` : `${would}${t.outcome}`, t.organizationId ?? "-"]);
    for (const c of t.connections) rows.push(["", "", `${c.protocol.toUpperCase()} ${c.name}`, `${would}${c.outcome}`, c.connectionId ?? "-"]);
    for (const d of t.directories) rows.push(["", "", `SCIM ${d.name}`, `${would}${d.outcome}`, d.directoryId ?? "-"]);
  }
  const out = [report.dryRun ? "Dry run: nothing was written.\n" : "", pad(rows)];
  const changes = report.tenants.flatMap((t) => t.connections.filter((c) => c.signIn && c.signIn.kind !== "kept").map((c) => ({ t, c })));
  const kept = report.tenants.flatMap((t) => t.connections.filter((c) => c.signIn?.kind === "kept"));
  if (kept.length)
    out.push(
      `\n${kept.length} SAML connection(s) keep Polis's ACS URL and entity ID: Portico answers at ${(kept[0]!.signIn as { acsUrl: string }).acsUrl}. Nothing changes at their IdPs.`,
    );
  if (changes.length) {
    out.push("\nChanges each IT admin must make at the IdP:");
    for (const { t, c } of changes) {
      const s = c.signIn!;
      out.push(
        s.kind === "idp_change"
          ? `  ${t.tenant} (${t.product}) · ${c.name}: ACS URL ${s.acsUrl} · Entity ID ${s.entityId} · SP metadata ${s.metadataUrl}`
          : s.kind === "oidc_redirect_uri"
            ? `  ${t.tenant} (${t.product}) · ${c.name}: add the redirect URI ${s.redirectUri}`
            : "",
      );
    }
  }
  const directories = report.tenants.flatMap((t) => t.directories.filter((d) => d.scimBaseUrl).map((d) => ({ t, d })));
  if (directories.length) {
    out.push("\nSCIM directories have new base URLs and bearer tokens; enter both at the IdP:");
    for (const { t, d } of directories)
      out.push(
        `  ${t.tenant} (${t.product}) · ${d.name}: base URL ${d.scimBaseUrl} · token ${d.bearerToken ?? (d.outcome === "created" ? "(shown once, when made)" : "unchanged since the first import")}`,
      );
  }
  const notes = report.tenants.flatMap((t) =>
    [...t.connections, ...t.directories].flatMap((i) => i.notes.map((n) => `  ${t.tenant} (${t.product}) · ${i.name}: ${n}`)),
  );
  if (notes.length) out.push("\nNotes:", ...notes);
  const x = report.totals;
  out.push(`\n${x.created} created, ${x.updated} updated, ${x.unchanged} unchanged, ${x.skipped} skipped, ${x.failed} failed.`);
  return out.join("\n");
}
