import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/**
 * The Postgres extensions the schema uses, loaded into every embedded database (on a server they ship
 * with Postgres's contrib): pg_trgm indexes the dashboard's substring search.
 */
export const pgliteExtensions = { pg_trgm };
