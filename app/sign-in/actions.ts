"use server";

import { AuthError } from "next-auth";
import { unstable_rethrow } from "next/navigation";
import { signIn } from "@/server/auth";

export interface SignInState {
  error: string | null;
  email: string;
}

export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo: "/dashboard" });
  } catch (error) {
    // Success arrives as a NEXT_REDIRECT to /dashboard; let Next.js handle it.
    unstable_rethrow(error);
    if (error instanceof AuthError && error.type === "CredentialsSignin") {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "rate_limited") return { error: "Too many failed attempts. Wait a few minutes and try again.", email };
      return { error: "Incorrect email or password.", email };
    }
    throw error;
  }
  return { error: null, email };
}
