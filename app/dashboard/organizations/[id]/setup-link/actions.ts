"use server";

import { unstable_rethrow } from "next/navigation";
import type { PortalIntent } from "@/db/schema";
import { staffActionContext } from "@/server/auth/staff-context";
import { DomainError, ValidationError } from "@/server/errors";
import { createSetupLink, revokeSetupLink } from "@/server/services/portal";

/** What the "Invite admin" and "Revoke" forms show after their post, with or without JavaScript. */
export type SetupLinkFormState =
  | { status: "idle" }
  | { status: "sent"; email: string; outbox: boolean; expiresAt: string }
  | { status: "copied"; url: string; expiresAt: string }
  | { status: "revoked" }
  | { status: "problem"; message: string; field: "email" | "intents" | null; code: string | null };

const emailProblem = "Enter the IT admin's email address, like it-admin@example.com.";

function problem(error: unknown): SetupLinkFormState {
  unstable_rethrow(error);
  if (error instanceof ValidationError) {
    const field = error.errors.find((e) => e.field === "email" || e.field === "intents")?.field as "email" | "intents" | undefined;
    return { status: "problem", message: field === "email" ? emailProblem : error.message, field: field ?? null, code: error.code };
  }
  if (error instanceof DomainError) {
    const message =
      error.code === "mail_delivery_failed"
        ? `${error.message} No link was created; check the address and try again, or copy the link instead.`
        : error.message;
    return { status: "problem", message, field: null, code: error.code };
  }
  throw error;
}

/**
 * "Invite admin": creates the organization's setup link for the chosen features (`intents`), emailed to
 * `email`, or shown once when `delivery` is `copy`. Staff session and role are checked as over tRPC.
 */
export async function createSetupLinkAction(_previous: SetupLinkFormState, form: FormData): Promise<SetupLinkFormState> {
  try {
    const ctx = await staffActionContext();
    const intents = form.getAll("intents").map(String) as PortalIntent[];
    if (intents.length === 0) return { status: "problem", message: "Choose at least one feature.", field: "intents", code: null };
    const copy = form.get("delivery") === "copy";
    const email = copy ? undefined : String(form.get("email") ?? "").trim();
    // The address is checked by the service's schema, whose refusal names the email field (see problem()).
    const result = await createSetupLink(ctx, { organizationId: String(form.get("organizationId") ?? ""), intents, email });
    const expiresAt = new Date(result.link.expiresAt).toISOString();
    return email ? { status: "sent", email, outbox: result.delivery === "outbox", expiresAt } : { status: "copied", url: result.url, expiresAt };
  } catch (error) {
    return problem(error);
  }
}

/** "Revoke": ends the organization's active setup link. */
export async function revokeSetupLinkAction(_previous: SetupLinkFormState, form: FormData): Promise<SetupLinkFormState> {
  try {
    await revokeSetupLink(await staffActionContext(), String(form.get("organizationId") ?? ""));
    return { status: "revoked" };
  } catch (error) {
    return problem(error);
  }
}
