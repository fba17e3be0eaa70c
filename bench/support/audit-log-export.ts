import { sampleRss, treeRss } from "./process-memory";

export interface ExportFigure {
  rows: number;
  csvBytes: number;
  contentEncoding: string | null;
  /** From `POST /audit_logs/exports` to the first `GET` that answers `ready`. */
  readyMs: number;
  /** The export job's own run, from the server's log line; the rest of `readyMs` is waiting to be claimed and polling. */
  jobRunMs: number | null;
  /** From the same POST to the last byte of the download. */
  downloadedMs: number;
  /** The server's process tree: RSS just before the POST, and the highest 50 ms sample in each phase. */
  rssBefore: number;
  rssPeakJob: number;
  rssPeakDownload: number;
  rssSamples: number;
  processes: number;
}

/**
 * One export through the REST API, as an integrator runs it: create, poll until ready, download the
 * signed link to the end, counting the CSV's lines (the seeded events hold no line breaks in a field).
 */
export async function timeExport(
  server: { url: string; pid: number; output: () => string },
  apiKey: string,
  body: { organization_id: string; range_start: string; range_end: string },
): Promise<ExportFigure> {
  const headers = { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" };
  const baseUrl = server.url;
  const sampler = sampleRss(server.pid);
  // A quiet second first: the sampler settles and the server finishes whatever it was doing.
  await new Promise((r) => setTimeout(r, 1000));
  const rssBefore = treeRss(server.pid);
  const logFrom = server.output().length;
  sampler.resetPeak();
  const started = performance.now();
  const created = await fetch(`${baseUrl}/audit_logs/exports`, { method: "POST", headers, body: JSON.stringify(body) });
  if (created.status !== 201) throw new Error(`POST /audit_logs/exports answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  let url: string | undefined;
  while (!url) {
    await new Promise((r) => setTimeout(r, 100));
    const reply = await fetch(`${baseUrl}/audit_logs/exports/${id}`, { headers });
    const view = (await reply.json()) as { state: string; url?: string };
    if (reply.status !== 200 || view.state === "error") throw new Error(`export ${id}: ${reply.status} ${JSON.stringify(view)}`);
    url = view.url;
  }
  const readyMs = performance.now() - started;
  const rssPeakJob = sampler.peak();
  sampler.resetPeak();
  const download = await fetch(url);
  if (download.status !== 200 || !download.body) throw new Error(`the export's download answered ${download.status}`);
  let csvBytes = 0;
  let lines = 0;
  const reader = download.body.getReader();
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    csvBytes += chunk.length;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
  }
  const downloadedMs = performance.now() - started;
  const rssPeakDownload = sampler.peak();
  const { samples, processes } = sampler.stop();
  const jobLine = server
    .output()
    .slice(logFrom)
    .split("\n")
    .findLast((line) => line.includes('"kind":"audit_logs.export"'));
  const jobRunMs = jobLine ? ((JSON.parse(jobLine) as { durationMs?: number }).durationMs ?? null) : null;
  return {
    rows: lines - 1,
    csvBytes,
    contentEncoding: download.headers.get("content-encoding"),
    readyMs,
    jobRunMs,
    downloadedMs,
    rssBefore,
    rssPeakJob: Math.max(rssBefore, rssPeakJob),
    rssPeakDownload: Math.max(rssBefore, rssPeakDownload),
    rssSamples: samples,
    processes,
  };
}
