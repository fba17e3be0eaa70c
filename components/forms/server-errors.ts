import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/trpc/routers/_app";

export interface ServerFieldError {
  field: string;
  code: string;
  message?: string;
}

export interface ServerProblem {
  message: string;
  /** The service's error code, like `external_id_conflict`. */
  domainCode: string | null;
  /** Field errors with camelCase dotted paths, like `domainData.0.domain`. */
  fieldErrors: ServerFieldError[];
}

/** Reads what the tRPC error formatter attached, so forms can put each message under its field. */
export function serverProblem(error: unknown): ServerProblem {
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data;
    return { message: error.message, domainCode: data?.domainCode ?? null, fieldErrors: data?.fieldErrors ?? [] };
  }
  return { message: "Something went wrong. Check your connection and try again.", domainCode: null, fieldErrors: [] };
}

/** "name is at most 200 characters" → "Name is at most 200 characters." */
export function asSentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
