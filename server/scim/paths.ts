import { ScimError } from "./errors";
import { findAttr, findExtension, resourceSchemas, userSchemaUrn, groupSchemaUrn, type AttrDef, type ResourceKind } from "./schemas";

/** An attribute reference: `urn` is set for extension attributes only; names are canonical when known. */
export interface AttrPath {
  urn?: string;
  attr: string;
  sub?: string;
}

const coreUrn: Record<ResourceKind, string> = { User: userSchemaUrn, Group: groupSchemaUrn };

/**
 * Parses `name.givenName`, `emails`, `urn:...:enterprise:2.0:User:department`, and the form with a dot
 * after the URN (`urn:...:2.0:User.manager`) that Microsoft's own test collection sends. Names are
 * matched case-insensitively (RFC 7643 §2.1) and returned in their canonical spelling.
 */
export function parseAttrPath(kind: ResourceKind, text: string): AttrPath {
  let rest = text.trim();
  if (!rest) throw new ScimError(400, "An attribute path is empty.", "invalidPath");
  let urn: string | undefined;
  if (/^urn:/i.test(rest)) {
    const candidates = [coreUrn[kind], ...Object.keys(resourceSchemas[kind].extensions)];
    const known = candidates.find((u) => rest.toLowerCase().startsWith(u.toLowerCase()) && /[:.]/.test(rest.charAt(u.length)));
    if (known) {
      urn = known === coreUrn[kind] ? undefined : known;
      rest = rest.slice(known.length + 1);
    } else {
      const cut = rest.lastIndexOf(":");
      urn = rest.slice(0, cut);
      rest = rest.slice(cut + 1);
    }
  }
  const dot = rest.indexOf(".");
  const attrName = dot === -1 ? rest : rest.slice(0, dot);
  const subName = dot === -1 ? undefined : rest.slice(dot + 1);
  if (!/^[A-Za-z$][\w$-]*$/.test(attrName) || (subName !== undefined && !/^[A-Za-z$][\w$-]*$/.test(subName))) {
    throw new ScimError(400, `'${text}' is not a valid attribute path.`, "invalidPath");
  }
  const def = attrDef(kind, { urn, attr: attrName });
  const subDef = def && subName ? findAttr(def.subAttributes, subName) : undefined;
  return { ...(urn ? { urn } : {}), attr: def?.name ?? attrName, ...(subName ? { sub: subDef?.name ?? subName } : {}) };
}

export function attrDef(kind: ResourceKind, path: { urn?: string; attr: string }): AttrDef | undefined {
  const schema = resourceSchemas[kind];
  if (path.urn) {
    const ext = findExtension(kind, path.urn);
    return ext ? findAttr(schema.extensions[ext], path.attr) : undefined;
  }
  return findAttr(schema.core, path.attr);
}

export function subAttrDef(kind: ResourceKind, path: AttrPath): AttrDef | undefined {
  const def = attrDef(kind, path);
  return path.sub ? findAttr(def?.subAttributes, path.sub) : def;
}
