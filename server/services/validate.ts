import type { z } from "zod";
import { fieldErrorsFromZod, ValidationError } from "@/server/errors";
import { findTextProblem, textFieldError } from "@/server/input-text";

/**
 * Parses service input, turning zod issues into a ValidationError that names each field. Text the
 * database cannot store is refused first, whichever way the input came (form, CLI, API).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const unstorable = findTextProblem(input);
  if (unstorable) throw new ValidationError([textFieldError(unstorable)]);
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ValidationError(fieldErrorsFromZod(result.error.issues));
  return result.data;
}
