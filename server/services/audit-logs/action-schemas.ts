import { Ajv, type ValidateFunction } from "ajv";
import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { auditLogSchemas, type AuditLogSchemaRow } from "@/db/schema";
import { AuditLogSchemaViolationError, ConflictError, NotFoundError, ValidationError } from "@/server/errors";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { isUniqueViolation } from "@/server/services/pg-errors";
import { listParamsSchema, type ListParams, type Page } from "@/server/services/pagination";
import { parseInput } from "@/server/services/validate";
import { auditLogActionName } from "./event-input";
import type { CreateAuditLogEventBody } from "./event-input";

/**
 * The schema format the SDKs send: JSON Schema objects for each metadata, restricted to typed properties
 * so that no stored schema can carry a `pattern` (a regular expression run on every event) or a `$ref`.
 */
const metadataSchema = z
  .object({
    type: z.literal("object"),
    properties: z.record(z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/), z.object({ type: z.enum(["string", "number", "boolean"]) }).strict()).default({}),
    required: z.array(z.string().max(40)).max(50).optional(),
    additionalProperties: z.boolean().optional(),
  })
  .strict();

export const actionSchemaBody = z.object({
  actor: z.object({ metadata: metadataSchema.optional() }).optional(),
  targets: z
    .array(z.object({ type: z.string().min(1).max(256), metadata: metadataSchema.optional() }))
    .min(1)
    .max(50),
  metadata: metadataSchema.optional(),
});
export type ActionSchema = z.output<typeof actionSchemaBody>;

export async function createActionSchema(ctx: ServiceContext, input: { action: string; schema: unknown }): Promise<AuditLogSchemaRow> {
  requireRole(ctx, "admin");
  const action = parseInput(auditLogActionName, input.action);
  const schema = parseInput(actionSchemaBody, input.schema);
  for (let attempt = 0; attempt < 3; attempt++) {
    const [latest] = await ctx.db
      .select({ version: sql<number>`max(${auditLogSchemas.version})` })
      .from(auditLogSchemas)
      .where(eq(auditLogSchemas.action, action));
    const version = Number(latest?.version ?? 0) + 1;
    try {
      const [row] = await ctx.db
        .insert(auditLogSchemas)
        .values({ action, version, schema, createdAt: nowOf(ctx) })
        .returning();
      return row!;
    } catch (error) {
      // Two versions created at once: the loser takes the next number.
      if (!isUniqueViolation(error, "audit_log_schemas_pkey")) throw error;
    }
  }
  throw new ConflictError("schema_version_conflict", "Another schema version was created at the same time; try again.");
}

export async function listActionSchemas(ctx: ServiceContext, input: { action: string } & ListParams): Promise<Page<AuditLogSchemaRow>> {
  requireRole(ctx, "viewer");
  const action = parseInput(auditLogActionName, input.action);
  const params = parseInput(
    listParamsSchema.extend({ before: z.coerce.number().int().min(1).optional(), after: z.coerce.number().int().min(1).optional() }),
    input,
  );
  const newestFirst = params.order !== "asc";
  const cursor = params.after ? (newestFirst ? lt(auditLogSchemas.version, params.after) : gt(auditLogSchemas.version, params.after)) : undefined;
  const rows = await ctx.db
    .select()
    .from(auditLogSchemas)
    .where(and(eq(auditLogSchemas.action, action), cursor))
    .orderBy(newestFirst ? desc(auditLogSchemas.version) : asc(auditLogSchemas.version))
    .limit(params.limit + 1);
  if (rows.length === 0 && !params.after) {
    const [any] = await ctx.db.select({ action: auditLogSchemas.action }).from(auditLogSchemas).where(eq(auditLogSchemas.action, action)).limit(1);
    if (!any) throw new NotFoundError("audit log action", action);
  }
  const page = rows.slice(0, params.limit);
  const more = rows.length > params.limit;
  return { data: page, listMetadata: { before: null, after: more ? String(page.at(-1)!.version) : null } };
}

interface ActionSummary {
  name: string;
  latest: AuditLogSchemaRow;
  createdAt: Date;
}

/** Every action with a schema, by name, with its latest version. */
export async function listActions(ctx: ServiceContext, input: ListParams): Promise<Page<ActionSummary>> {
  requireRole(ctx, "viewer");
  const params = parseInput(listParamsSchema, input);
  const rows = await ctx.db
    .selectDistinctOn([auditLogSchemas.action])
    .from(auditLogSchemas)
    .where(params.after ? gt(auditLogSchemas.action, params.after) : undefined)
    .orderBy(asc(auditLogSchemas.action), desc(auditLogSchemas.version))
    .limit(params.limit + 1);
  const firsts = rows.length
    ? await ctx.db
        .select({ action: auditLogSchemas.action, createdAt: sql<Date>`min(${auditLogSchemas.createdAt})`.mapWith(auditLogSchemas.createdAt) })
        .from(auditLogSchemas)
        .where(sql`${auditLogSchemas.action} in ${rows.map((r) => r.action)}`)
        .groupBy(auditLogSchemas.action)
    : [];
  const page = rows
    .slice(0, params.limit)
    .map((latest) => ({ name: latest.action, latest, createdAt: firsts.find((f) => f.action === latest.action)?.createdAt ?? latest.createdAt }));
  return { data: page, listMetadata: { before: null, after: rows.length > params.limit ? page.at(-1)!.name : null } };
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, { actor?: ValidateFunction; metadata?: ValidateFunction; targets: Map<string, ValidateFunction | undefined> }>();

function validatorsFor(row: AuditLogSchemaRow) {
  const key = `${row.action}@${row.version}`;
  let found = compiled.get(key);
  if (!found) {
    const schema = row.schema as ActionSchema;
    found = {
      actor: schema.actor?.metadata ? ajv.compile(schema.actor.metadata) : undefined,
      metadata: schema.metadata ? ajv.compile(schema.metadata) : undefined,
      targets: new Map(schema.targets.map((t) => [t.type, t.metadata ? ajv.compile(t.metadata) : undefined])),
    };
    compiled.set(key, found);
  }
  return found;
}

/**
 * Checks an event against its action's schema: the version it names, else the latest. An action without
 * a schema takes any well-formed event, as WorkOS does.
 */
export async function assertMatchesActionSchema(db: DbOrTx, event: CreateAuditLogEventBody["event"]): Promise<number | null> {
  const [row] = await db
    .select()
    .from(auditLogSchemas)
    .where(and(eq(auditLogSchemas.action, event.action), event.version ? eq(auditLogSchemas.version, event.version) : undefined))
    .orderBy(desc(auditLogSchemas.version))
    .limit(1);
  if (!row) {
    if (event.version)
      throw new ValidationError([{ field: "event.version", code: "invalid", message: `action '${event.action}' has no schema version ${event.version}` }]);
    return null;
  }
  const validators = validatorsFor(row);
  const errors: { instancePath: string; message: string }[] = [];
  const check = (validate: ValidateFunction | undefined, value: unknown, at: string) => {
    if (!validate || validate(value ?? {})) return;
    for (const e of validate.errors ?? []) errors.push({ instancePath: `${at}${e.instancePath}`, message: e.message ?? "is invalid" });
  };
  check(validators.actor, event.actor.metadata, "/actor/metadata");
  check(validators.metadata, event.metadata, "/metadata");
  event.targets.forEach((target, i) => {
    if (!validators.targets.has(target.type)) {
      errors.push({ instancePath: `/targets/${i}/type`, message: `must be one of the schema's target types: ${[...validators.targets.keys()].join(", ")}` });
    } else check(validators.targets.get(target.type), target.metadata, `/targets/${i}/metadata`);
  });
  if (errors.length) throw new AuditLogSchemaViolationError(errors);
  return row.version;
}
