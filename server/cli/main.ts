import { parseArgs } from "node:util";
import { closeDb, getDbHandle } from "@/db/client";
import { DomainError, ValidationError, describeFieldErrors } from "@/server/errors";
import { createApiKey } from "@/server/services/api-keys";
import { createDirectory } from "@/server/services/directory-sync";
import type { ServiceContext } from "@/server/services/context";
import { listOrganizations } from "@/server/services/organizations";
import { setSsoCallbackUrls } from "@/server/services/settings/redirects";
import { createOwner } from "@/server/services/staff";
import { backup, backupUsage, restore } from "./backup";
import { importPolis, importPolisUsage } from "./import-polis";
import { samlValidate, samlValidateUsage } from "./saml-validate";

const usage = `Usage: npm run portico -- <command> [options]

Commands:
  migrate                                 apply pending database migrations
  create-owner --email E [--password P]   create an owner (without a password: print a one-time setup link)
  create-api-key --name N                 create an API key and print it (shown only once)
  list-organizations [--json]             list every organization
  create-directory --organization ID --type T [--name N]
                                          create a SCIM directory; prints its JSON with the SCIM base URL
                                          and bearer token (shown only once). T: okta, entra, onelogin,
                                          jumpcloud, pingfederate, rippling, generic
  set-redirect-uris URL...                set the SSO callback URLs /sso/authorize accepts (replaces the
                                          list; no URL clears it); prints the list as stored
${backupUsage}
${importPolisUsage}
${samlValidateUsage}

Uses the same database settings as the server (DATA_DIR or DATABASE_URL).`;

type Command = (args: string[]) => Promise<void>;

function systemContext(db: ServiceContext["db"], reason: string): ServiceContext {
  return { db, actor: { type: "system", reason } };
}

class ExitCode extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

const commands: Record<string, Command> = {
  async "saml-validate"(args) {
    // Opens the database only for --connection: with --metadata it reads files and prints one JSON object.
    const code = await samlValidate(args, async () => (await getDbHandle()).db);
    if (code !== 0) throw new ExitCode(code);
  },
  backup,
  restore,
  async "import-polis"(args) {
    const code = await importPolis(args, async () => (await getDbHandle()).db);
    if (code !== 0) throw new ExitCode(code);
  },
  async migrate() {
    const handle = await getDbHandle();
    console.error(`Migrations applied (${handle.kind}).`);
  },
  async "create-owner"(args) {
    const { values } = parseArgs({ args, options: { email: { type: "string" }, password: { type: "string" } } });
    if (!values.email) throw new UsageError("create-owner needs --email");
    const { db } = await getDbHandle();
    const result = await createOwner(db, { email: values.email, password: values.password });
    if (result.kind === "created") console.log(`Owner ${result.email} created. Sign in with that password.`);
    else console.log(result.url);
  },
  async "create-api-key"(args) {
    const { values } = parseArgs({ args, options: { name: { type: "string" } } });
    if (!values.name) throw new UsageError("create-api-key needs --name");
    const { db } = await getDbHandle();
    const key = await createApiKey(systemContext(db, "cli"), { name: values.name });
    // Scripts capture stdout: the key alone, on its own line.
    console.log(key.secret);
  },
  async "create-directory"(args) {
    const { values } = parseArgs({ args, options: { organization: { type: "string" }, type: { type: "string" }, name: { type: "string" } } });
    if (!values.organization || !values.type) throw new UsageError("create-directory needs --organization and --type");
    const { db } = await getDbHandle();
    const directory = await createDirectory(systemContext(db, "cli"), { organizationId: values.organization, type: values.type, name: values.name });
    console.log(JSON.stringify(directory, null, 2));
  },
  async "set-redirect-uris"(args) {
    const { positionals } = parseArgs({ args, options: {}, allowPositionals: true });
    const { db } = await getDbHandle();
    const stored = await setSsoCallbackUrls(systemContext(db, "cli"), { redirectUris: positionals });
    if (stored.length === 0) console.error("No SSO callback URLs: /sso/authorize accepts none until some are set.");
    for (const url of stored) console.log(url);
  },
  async "list-organizations"(args) {
    const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
    const { db } = await getDbHandle();
    const ctx = systemContext(db, "cli");
    const all = [];
    let after: string | undefined;
    do {
      const page = await listOrganizations(ctx, { limit: 100, after });
      all.push(...page.data);
      after = page.listMetadata.after ?? undefined;
    } while (after);
    if (values.json) {
      console.log(JSON.stringify(all, null, 2));
      return;
    }
    if (all.length === 0) console.error("No organizations yet.");
    for (const org of all) console.log([org.id, org.name, org.domains.map((d) => d.domain).join(",") || "-", org.external_id ?? "-"].join("\t"));
  },
};

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help") {
    console.error(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command '${name}'.\n\n${usage}`);
    return 2;
  }
  try {
    await command(args);
    return 0;
  } catch (error) {
    if (error instanceof ExitCode) return error.exitCode;
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof ValidationError) console.error(`Invalid input: ${describeFieldErrors(error.errors)}`);
    else if (error instanceof DomainError || (error as Error).name === "DataDirInUseError") console.error((error as Error).message);
    else console.error(`Failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await closeDb().catch(() => {});
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
