/**
 * The SCIM request path of Directory Sync, in one module: `request.ts` (the entry point: remembered
 * directory, stale-directory retry, request log), `auth.ts` (bearer tokens), `handlers.ts` (routing to
 * `users.ts`, `groups.ts`, `members.ts`), `common.ts` and `filter-sql.ts` (list queries).
 */
export { handleScimRequest } from "./request";
