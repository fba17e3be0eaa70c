"use server";

import { unstable_rethrow } from "next/navigation";
import { signIn } from "@/server/auth";
import { ConflictError, NotFoundError, ValidationError } from "@/server/errors";
import { openContext } from "@/server/services/context";
import { acceptInvitation } from "@/server/services/staff";

type FieldName = "email" | "name" | "password" | "confirmPassword";

const fieldNames: readonly string[] = ["email", "name", "password", "confirmPassword"] satisfies FieldName[];
const isFieldName = (field: string): field is FieldName => fieldNames.includes(field);

export interface AcceptState {
  error: string | null;
  fieldErrors: Partial<Record<FieldName, string>>;
  values: { email: string; name: string };
}

function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export async function acceptInvitationAction(token: string, _previous: AcceptState, formData: FormData): Promise<AcceptState> {
  const email = String(formData.get("email") ?? "").trim();
  const name = String(formData.get("name") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const confirmPassword = String(formData.get("confirmPassword") ?? "");
  const values = { email, name };
  const fieldErrors: AcceptState["fieldErrors"] = {};
  if (password.length < 12) fieldErrors.password = "Use at least 12 characters.";
  if (password !== confirmPassword) fieldErrors.confirmPassword = "The passwords do not match.";
  if (Object.keys(fieldErrors).length) return { error: null, fieldErrors, values };

  let accountEmail: string;
  try {
    const account = await acceptInvitation(await openContext({ type: "public", entry: "invitation" }), { token, email: email || undefined, name, password });
    accountEmail = account.email;
  } catch (error) {
    if (error instanceof ValidationError) {
      const onForm = error.errors.filter((e) => !isFieldName(e.field));
      for (const e of error.errors) if (isFieldName(e.field)) fieldErrors[e.field] = sentence(e.message ?? e.code);
      return { error: onForm.length ? sentence(onForm.map((e) => e.message ?? e.code).join("; ")) : null, fieldErrors, values };
    }
    if (error instanceof ConflictError) return { error: error.message, fieldErrors, values };
    if (error instanceof NotFoundError) {
      return { error: "This link is no longer valid. Ask an owner for a new one.", fieldErrors, values };
    }
    throw error;
  }
  try {
    await signIn("credentials", { email: accountEmail, password, redirectTo: "/dashboard" });
  } catch (error) {
    unstable_rethrow(error);
    throw error;
  }
  return { error: null, fieldErrors, values };
}
