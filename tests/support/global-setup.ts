import { mkdirSync, writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pgliteExtensions } from "@/db/pglite-extensions";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { buildIfNeeded } from "../../scripts/build-if-needed.mjs";
import { conformanceNotice, haveSharedFixtures } from "./fixtures";
import { pgliteTemplatePath, projectRoot, testDataRoot } from "./paths";

/**
 * Once per run: build the app for the tests that start the real server, and migrate one PGlite
 * database to copy from (creating PGlite from scratch costs seconds; loading a dump, under one).
 */
export default async function setup() {
  if (!haveSharedFixtures()) {
    if (process.env.CI === "true") throw new Error(`${conformanceNotice}\nCI requires the conformance suite.`);
    console.warn(`\n${"#".repeat(100)}\n# ${conformanceNotice}\n${"#".repeat(100)}\n`);
  }
  mkdirSync(testDataRoot, { recursive: true });
  buildIfNeeded({ quiet: true });
  const template = await PGlite.create({ extensions: pgliteExtensions });
  await migrate(drizzle(template), { migrationsFolder: `${projectRoot}/db/migrations` });
  const dump = await template.dumpDataDir("gzip");
  writeFileSync(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
  await template.close();
}
