import { listResponse, resourceTypes, schemaDefinitions, serviceProviderConfig } from "@/server/scim/discovery";
import { ScimError } from "@/server/scim/errors";
import { getCi } from "@/server/scim/match";
import { parseAttributeList, project } from "@/server/scim/projection";
import { isPlainObject } from "@/server/scim/resource";
import type { ResourceKind } from "@/server/scim/schemas";
import type { ListQuery, ScimContext } from "./common";
import { createScimGroup, deleteScimGroup, findScimGroup, listScimGroups, patchScimGroup, renderGroups, replaceScimGroup } from "./groups";
import { createScimUser, deleteScimUser, findScimUser, listScimUsers, patchScimUser, renderUsers, replaceScimUser } from "./users";

interface ScimCall {
  method: string;
  segments: string[];
  query: Map<string, string>;
  body: unknown;
}

export interface ScimReply {
  status: number;
  body?: unknown;
  location?: string;
}

export interface ScimHandler {
  /** Writes run in one transaction (with the directory's first-sync bookkeeping when due). */
  transactional: boolean;
  /** Runs correctly on a directory row remembered from an earlier request (it re-checks it in SQL). */
  checksRememberedDirectory?: boolean;
  run: (ctx: ScimContext) => Promise<ScimReply>;
}

const notFound = (what: string) => new ScimError(404, `${what} is not an endpoint of this SCIM server.`);

/** Resource endpoint names are matched case-insensitively; `serviceConfiguration` is Microsoft's reference name. */
function endpointOf(segment: string | undefined): string | undefined {
  const lower = segment?.toLowerCase();
  if (lower === "users") return "Users";
  if (lower === "groups") return "Groups";
  if (lower === "serviceproviderconfig" || lower === "serviceproviderconfigs" || lower === "serviceconfiguration") return "ServiceProviderConfig";
  if (lower === "resourcetypes") return "ResourceTypes";
  if (lower === "schemas") return "Schemas";
  return undefined;
}

function listQueryOf(query: Map<string, string>, body?: Record<string, unknown>): ListQuery {
  const pick = (name: string) => {
    const fromBody = body ? getCi(body, name) : undefined;
    return fromBody !== undefined && fromBody !== null ? String(fromBody) : (query.get(name.toLowerCase()) ?? null);
  };
  return { filter: pick("filter"), startIndex: pick("startIndex"), count: pick("count"), sortBy: pick("sortBy"), sortOrder: pick("sortOrder") };
}

function projection(kind: ResourceKind, query: Map<string, string>, body?: Record<string, unknown>) {
  const asList = (v: unknown) => (Array.isArray(v) ? v.join(",") : typeof v === "string" ? v : null);
  const attributes = parseAttributeList(kind, asList(body ? getCi(body, "attributes") : undefined) ?? query.get("attributes") ?? null);
  const excluded = parseAttributeList(kind, asList(body ? getCi(body, "excludedAttributes") : undefined) ?? query.get("excludedattributes") ?? null);
  const wants = (name: string) =>
    !excluded?.some((p) => !p.urn && p.attr.toLowerCase() === name) && (!attributes || attributes.some((p) => !p.urn && p.attr.toLowerCase() === name));
  return { attributes, excluded, apply: (r: Record<string, unknown>) => project(r, attributes, excluded), wants };
}

export function resolveScimHandler(call: ScimCall, baseUrl: string): ScimHandler {
  const [first, id, extra] = call.segments;
  const endpoint = endpointOf(first);
  if (!endpoint) throw notFound(`/${call.segments.join("/")}`);
  const read = (run: ScimHandler["run"]): ScimHandler => ({ transactional: false, run });
  const write = (run: ScimHandler["run"]): ScimHandler => ({ transactional: true, run });
  const method = call.method;

  if (endpoint === "ServiceProviderConfig" && method === "GET") return read(async () => ({ status: 200, body: serviceProviderConfig(baseUrl) }));
  if (endpoint === "ResourceTypes" && method === "GET") {
    const types = resourceTypes(baseUrl);
    if (!id) return read(async () => ({ status: 200, body: listResponse(types, types.length, 1) }));
    const type = types.find((t) => t.id.toLowerCase() === id.toLowerCase());
    if (!type) throw new ScimError(404, `Resource type ${id} not found.`);
    return read(async () => ({ status: 200, body: type }));
  }
  if (endpoint === "Schemas" && method === "GET") {
    const schemas = schemaDefinitions(baseUrl);
    if (!id) return read(async () => ({ status: 200, body: listResponse(schemas, schemas.length, 1) }));
    const schema = schemas.find((s) => s.id.toLowerCase() === id.toLowerCase());
    if (!schema) throw new ScimError(404, `Schema ${id} not found.`);
    return read(async () => ({ status: 200, body: schema }));
  }
  if (endpoint !== "Users" && endpoint !== "Groups") throw new ScimError(405, `${method} is not supported on /${endpoint}.`);
  if (extra !== undefined) throw notFound(`/${call.segments.join("/")}`);
  const kind: ResourceKind = endpoint === "Users" ? "User" : "Group";
  const isUsers = kind === "User";
  const view = projection(kind, call.query, isPlainObject(call.body) && id === ".search" ? call.body : undefined);
  // A user just created belongs to no group yet: its `groups` need no query.
  const render = async (ctx: ScimContext, rows: Parameters<typeof renderUsers>[1] | Parameters<typeof renderGroups>[1], created = false) =>
    isUsers
      ? renderUsers(ctx, rows as Parameters<typeof renderUsers>[1], !created)
      : renderGroups(ctx, rows as Parameters<typeof renderGroups>[1], view.wants("members"));
  const one = async (ctx: ScimContext, row: Parameters<typeof render>[1][number], status: number): Promise<ScimReply> => {
    const [resource] = await render(ctx, [row] as never, status === 201);
    return { status, body: view.apply(resource!), location: `${baseUrl}/${endpoint}/${row.id}` };
  };

  if (method === "GET" && !id) {
    return read(async (ctx) => {
      const query = listQueryOf(call.query);
      const page = isUsers ? await listScimUsers(ctx, query) : await listScimGroups(ctx, query, view.wants("members"));
      return { status: 200, body: listResponse(page.resources.map(view.apply), page.total, page.startIndex) };
    });
  }
  // POST /.search (RFC 7644 §3.4.3): the query in the body.
  if (method === "POST" && id === ".search") {
    const body = isPlainObject(call.body) ? call.body : {};
    return read(async (ctx) => {
      const query = listQueryOf(call.query, body);
      const page = isUsers ? await listScimUsers(ctx, query) : await listScimGroups(ctx, query, view.wants("members"));
      return { status: 200, body: listResponse(page.resources.map(view.apply), page.total, page.startIndex) };
    });
  }
  if (method === "GET") return read(async (ctx) => one(ctx, isUsers ? await findScimUser(ctx, id!) : await findScimGroup(ctx, id!), 200));
  if (method === "POST" && !id) {
    if (isUsers) return { transactional: false, checksRememberedDirectory: true, run: async (ctx) => one(ctx, await createScimUser(ctx, call.body), 201) };
    return write(async (ctx) => one(ctx, await createScimGroup(ctx, call.body), 201));
  }
  if (!id) throw new ScimError(405, `${method} needs a resource id.`);
  if (method === "PUT")
    return write(async (ctx) => one(ctx, isUsers ? await replaceScimUser(ctx, id, call.body) : await replaceScimGroup(ctx, id, call.body), 200));
  if (method === "PATCH") {
    return write(async (ctx) => {
      const row = isUsers ? await patchScimUser(ctx, id, call.body) : await patchScimGroup(ctx, id, call.body);
      // RFC 7644 §3.5.2: 204 unless the client asked for attributes back.
      return view.attributes || view.excluded ? one(ctx, row, 200) : { status: 204 };
    });
  }
  if (method === "DELETE") {
    return write(async (ctx) => {
      await (isUsers ? deleteScimUser(ctx, id) : deleteScimGroup(ctx, id));
      return { status: 204 };
    });
  }
  throw new ScimError(405, `${method} is not supported.`);
}
