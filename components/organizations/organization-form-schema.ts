import { z } from "zod";
import type { RouterOutputs } from "@/components/providers/trpc-provider";
import type { CreateOrganizationInput } from "@/server/services/organizations/schemas";

type Organization = RouterOutputs["organizations"]["get"];

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Mirrors normalizeDomain() in server/services/organizations/domains.ts, which relies on node:url and
 * so cannot ship to the browser. This check is for instant feedback only; the server decides.
 */
function isDomainName(value: string): boolean {
  const trimmed = value.trim().toLowerCase().replace(/\.$/, "");
  if (!trimmed || /[/:@?#\s]/.test(trimmed)) return false;
  let ascii: string;
  try {
    ascii = new URL(`http://${trimmed}`).hostname;
  } catch {
    return false;
  }
  const labels = ascii.split(".");
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels.at(-1) ?? "");
}

export const organizationFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters."),
  externalId: z.string().trim().max(200, "Use at most 200 characters."),
  domains: z
    .array(
      z.object({
        domain: z
          .string()
          .trim()
          .min(1, "Enter a domain, or remove this row.")
          .refine(isDomainName, "Enter a domain like example.com, without https:// or a path."),
        state: z.enum(["pending", "verified"]),
      }),
    )
    .max(100, "Add at most 100 domains.")
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((row, i) => {
        const domain = row.domain.trim().toLowerCase();
        if (domain && seen.has(domain)) ctx.addIssue({ code: "custom", path: [i, "domain"], message: "This domain is already listed." });
        seen.add(domain);
      });
    }),
  metadata: z
    .array(
      z.object({
        key: z.string().trim().max(40, "Keys are at most 40 characters."),
        value: z.string().max(600, "Values are at most 600 characters."),
      }),
    )
    .max(50, "Add at most 50 metadata entries.")
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((row, i) => {
        if (!row.key && row.value) ctx.addIssue({ code: "custom", path: [i, "key"], message: "Enter a key, or remove this row." });
        if (row.key && seen.has(row.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: "This key is already used." });
        seen.add(row.key);
      });
    }),
});

export type OrganizationFormValues = z.input<typeof organizationFormSchema>;

export function formValuesOf(organization?: Organization): OrganizationFormValues {
  if (!organization) return { name: "", externalId: "", domains: [], metadata: [] };
  return {
    name: organization.name,
    externalId: organization.external_id ?? "",
    domains: organization.domains.map((d) => ({ domain: d.domain, state: d.state === "verified" ? "verified" : "pending" })),
    metadata: Object.entries(organization.metadata).map(([key, value]) => ({ key, value })),
  };
}

/** The same shape createOrganization/updateOrganization accept; empty rows are dropped. */
export function organizationInputOf(values: z.output<typeof organizationFormSchema>): CreateOrganizationInput {
  return {
    name: values.name,
    externalId: values.externalId || null,
    domainData: values.domains.map((d) => ({ domain: d.domain, state: d.state })),
    metadata: Object.fromEntries(values.metadata.filter((m) => m.key).map((m) => [m.key, m.value])),
  };
}
