import { ScimError } from "./errors";
import { getCi } from "./match";
import { parsePatchPath } from "./patch";
import { matches } from "./match";
import { enterpriseUserUrn } from "./schemas";

/** What a new directory maps: the attributes HR-driven apps ask for first. */
export const defaultAttributeMap: Record<string, string> = {
  department: `${enterpriseUserUrn}:department`,
  job_title: "title",
  manager_id: `${enterpriseUserUrn}:manager.value`,
  cost_center: `${enterpriseUserUrn}:costCenter`,
  employee_number: `${enterpriseUserUrn}:employeeNumber`,
  division: `${enterpriseUserUrn}:division`,
};

export const customAttributeNamePattern = /^[a-z][a-z0-9_]{0,63}$/;

/** Checks every path of a map parses (core, enterprise extension, or any raw path, optionally filtered). */
export function validateAttributePath(path: string): void {
  parsePatchPath("User", path);
}

function resolve(raw: Record<string, unknown>, path: string): unknown {
  let target: ReturnType<typeof parsePatchPath>;
  try {
    target = parsePatchPath("User", path);
  } catch (error) {
    if (error instanceof ScimError) return null;
    throw error;
  }
  const container = target.path.urn ? getCi(raw, target.path.urn) : raw;
  let value = getCi(container, target.path.attr);
  if (target.filter) value = Array.isArray(value) ? value.find((el) => matches(target.filter!, el)) : undefined;
  if (target.path.sub) {
    // A sub-attribute of a list without a filter reads the primary element, else the first.
    if (Array.isArray(value)) value = value.find((el) => getCi(el, "primary") === true) ?? value[0];
    value = getCi(value, target.path.sub);
  }
  return value === undefined ? null : value;
}

/** The user's custom attributes under the directory's map; unmapped or absent values are null. */
export function customAttributesOf(raw: Record<string, unknown>, map: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, path] of Object.entries(map)) out[name] = resolve(raw, path);
  return out;
}
