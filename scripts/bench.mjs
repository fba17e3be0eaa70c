// `npm run bench`: runs every bench/*.bench.ts in turn (or the ones named: `npm run bench -- scim`).
// Each benchmark measures its own baseline in the same run and prints ratios; results also go to bench/results/.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const filters = process.argv.slice(2);
const benches = readdirSync(path.join(root, "bench"))
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (benches.length === 0) {
  console.error("No benchmarks matched.");
  process.exit(1);
}
mkdirSync(path.join(root, "bench", "results"), { recursive: true });
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(
    path.join(root, "node_modules", ".bin", "tsx"),
    ["--conditions=react-server", "--tsconfig", "tsconfig.json", path.join("bench", file)],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
