/** Sends the fuzz matrix with bounded concurrency and judges each answer. */
export interface FuzzRequest {
  /** Names the request in a failure: route, what was malformed, how. */
  label: string;
  method: string;
  /** Already encoded, relative to the server's base URL. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** API routes (REST, SCIM, tRPC) answer with JSON; "errors": only errors must be JSON; browser routes may answer HTML. */
  json: boolean | "errors";
}

export interface FuzzOutcome {
  sent: number;
  byStatus: Record<string, number>;
  failures: string[];
}

const hangAfterMs = 15_000;

async function judge(baseUrl: string, request: FuzzRequest): Promise<{ status: string; failure?: string }> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(hangAfterMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    const detail = name === "TimeoutError" ? `no answer within ${hangAfterMs} ms` : `request failed: ${String(error)}`;
    return { status: name === "TimeoutError" ? "hang" : "error", failure: `${request.label}: ${detail}` };
  }
  const text = await response.text();
  const status = String(response.status);
  if (response.status >= 500) return { status, failure: `${request.label}: ${status} ${text.slice(0, 200)}` };
  // Node's HTTP parser refuses an oversize URL or header block before any route runs; it has no body to give.
  if ((response.status === 414 || response.status === 431) && !text) return { status };
  if (!request.json || (request.json === "errors" && response.status < 400) || response.status === 204 || (response.status >= 300 && response.status < 400))
    return { status };
  const type = response.headers.get("content-type") ?? "";
  try {
    if (!/json/.test(type)) throw new Error(`content type ${type || "(none)"}`);
    JSON.parse(text);
    return { status };
  } catch (error) {
    return { status, failure: `${request.label}: ${status} is not JSON (${(error as Error).message}): ${text.slice(0, 120)}` };
  }
}

export function mergeOutcomes(...outcomes: FuzzOutcome[]): FuzzOutcome {
  const merged: FuzzOutcome = { sent: 0, byStatus: {}, failures: [] };
  for (const o of outcomes) {
    merged.sent += o.sent;
    merged.failures.push(...o.failures);
    for (const [status, n] of Object.entries(o.byStatus)) merged.byStatus[status] = (merged.byStatus[status] ?? 0) + n;
  }
  return merged;
}

export async function sendMatrix(baseUrl: string, requests: FuzzRequest[], concurrency = 6): Promise<FuzzOutcome> {
  const outcome: FuzzOutcome = { sent: 0, byStatus: {}, failures: [] };
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      const { status, failure } = await judge(baseUrl, request);
      outcome.sent++;
      outcome.byStatus[status] = (outcome.byStatus[status] ?? 0) + 1;
      if (failure) outcome.failures.push(failure);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcome;
}

/** The JSON body of an object input, serialized so lone surrogates travel as `\ud800` escapes. */
export function jsonRequest(label: string, method: string, path: string, value: unknown, headers: Record<string, string> = {}): FuzzRequest {
  return { label, method, path, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(value), json: true };
}
