import { serverProblem } from "./server-errors";

/**
 * Why a domain was refused, as one sentence. Messages often start with the domain itself
 * ("co.uk is a public suffix..."), so the first letter is left as it is.
 */
export function domainProblem(error: unknown): string {
  const problem = serverProblem(error);
  const message = problem.fieldErrors.find((f) => f.field === "domain")?.message ?? problem.message;
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
