// `npm run bench`: runs every bench/*.bench.ts in turn (or the ones named: `npm run bench -- scim`), then
// prints ONE table of every scenario (Portico's figure, the bare baseline measured in the same run, the
// ratio, the target, whether it was met, the machine's load at the time) and appends it to
// bench/results/<date>.md. Benchmarks needing Postgres use TEST_DATABASE_URL.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
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
const rowsFile = path.join(mkdtempSync(path.join(tmpdir(), "portico-bench-")), "rows.jsonl");
const started = new Date();
const loadBefore = loadavg().map((n) => n.toFixed(1));
const failed = [];
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(
    path.join(root, "node_modules", ".bin", "tsx"),
    ["--conditions=react-server", "--tsconfig", "tsconfig.json", path.join("bench", file)],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", BENCH_ROWS: rowsFile },
    },
  );
  if (result.status !== 0) failed.push(file);
}

const rows = existsSync(rowsFile)
  ? readFileSync(rowsFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : [];
const met = (row) => (row.met === undefined || row.met === null ? "-" : row.met ? "yes" : "NO");
const header = ["scenario", "Portico", "bare baseline", "ratio", "target", "met?", "load (1 min)"];
const cells = rows.map((r) => [
  r.scenario,
  r.portico,
  r.bare ?? "-",
  r.ratio === undefined || r.ratio === null ? "-" : String(r.ratio),
  r.target,
  met(r),
  String(r.load),
]);
const table = [header, header.map(() => "---"), ...cells].map((c) => `| ${c.join(" | ")} |`).join("\n");
const summary = [
  `## ${started.toISOString()} (${cpus().length} cores; load before ${loadBefore.join(" ")}, after ${loadavg()
    .map((n) => n.toFixed(1))
    .join(" ")})`,
  "",
  `\`npm run bench${filters.length ? ` -- ${filters.join(" ")}` : ""}\`${process.env.BENCH_QUICK === "1" ? " with BENCH_QUICK=1 (a tenth of the size)" : ""}${failed.length ? `; failed: ${failed.join(", ")}` : ""}`,
  "",
  table,
  "",
].join("\n");
console.log(`\n${summary}`);
const out = path.join(root, "bench", "results", `${started.toISOString().slice(0, 10)}.md`);
writeFileSync(out, `${existsSync(out) ? readFileSync(out, "utf8") : "# Benchmark runs\n\n"}${summary}\n`);
console.log(`appended to ${path.relative(root, out)}`);
process.exit(failed.length ? 1 : 0);
