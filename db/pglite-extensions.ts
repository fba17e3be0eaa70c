import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/**
 * The Postgres extensions the schema uses, loaded into every embedded database (on a server they ship
 * with Postgres's contrib): pg_trgm indexes the dashboard's substring search, and btree_gin lets one such index
 * also hold the organization (audit-log search).
 */
export const pgliteExtensions = { btree_gin, pg_trgm };
