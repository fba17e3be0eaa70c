import type { z } from "zod";
import { fieldErrorsFromZod, ValidationError } from "@/server/errors";

/** Parses service input, turning zod issues into a ValidationError that names each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ValidationError(fieldErrorsFromZod(result.error.issues));
  return result.data;
}
