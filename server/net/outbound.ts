import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";

/**
 * The guard every outgoing call goes through (IdP metadata, webhooks): no private or loopback
 * addresses unless the installation allows them (OUTBOUND_ALLOW_PRIVATE_ADDRESSES). The check runs on
 * the address actually connected to, so DNS rebinding cannot slip past it.
 */
const privateRanges = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  privateRanges.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  privateRanges.addSubnet(net, bits, "ipv6");

export function isPrivateAddress(address: string): boolean {
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged by its IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  const family = isIP(address);
  if (family === 0) return true;
  return privateRanges.check(address, family === 4 ? "ipv4" : "ipv6");
}

export class AddressRefusedError extends Error {
  constructor(readonly address: string) {
    super(`points to a private or loopback address (${address}), which Portico does not call`);
  }
}

/** The literal address of a URL's host, when it is one and is refused (a literal never goes through lookup). */
export function refusedLiteral(url: URL, allowPrivate: boolean): string | null {
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  return isIP(literal) && isPrivateAddress(literal) && !allowPrivate ? literal : null;
}

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http(s).request that refuses private answers. */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, opts: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...opts, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const list = addresses as LookupAddress[];
      const refused = list.find((a) => isPrivateAddress(a.address));
      if (refused && !allowPrivate) return callback(new AddressRefusedError(refused.address), "");
      if ((opts as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/**
 * Keep-alive agents, one per protocol: a connection is reused only for its own host and port, and its
 * address was checked by the guarded lookup when it was opened, so reuse cannot reach another address.
 * Reusing them saves a TLS handshake per delivery.
 */
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

export interface PostResult {
  status: number;
  /** The answer's headers (a log stream honours `Retry-After`). */
  headers: http.IncomingHttpHeaders;
  /** The first `maxResponseBytes` of the answer, as text. */
  body: string;
  durationMs: number;
}

/**
 * POSTs a body and reads (at most a capped part of) the answer. Redirects are not followed: a
 * 3xx is an answer like any other. Rejects on refusal, timeout or a network error.
 */
export function postOutbound(
  rawUrl: string,
  body: string,
  options: { headers: Record<string, string>; timeoutMs: number; allowPrivate: boolean; maxResponseBytes: number },
): Promise<PostResult> {
  const started = performance.now();
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return Promise.reject(new Error("is not a valid URL"));
  }
  const literal = refusedLiteral(url, options.allowPrivate);
  if (literal) return Promise.reject(new AddressRefusedError(literal));
  const secure = url.protocol === "https:";
  const client = secure ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        lookup: guardedLookup(options.allowPrivate) as never,
        headers: { ...options.headers, "Content-Length": String(Buffer.byteLength(body)) },
        agent: secure ? agents.https : agents.http,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < options.maxResponseBytes) chunks.push(chunk.subarray(0, options.maxResponseBytes - size));
          size += chunk.length;
          // Nobody reads more than the cap: stop the transfer rather than download it.
          if (size > options.maxResponseBytes * 4) response.destroy();
        });
        const done = () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            durationMs: Math.round(performance.now() - started),
          });
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`did not answer within ${Math.round(options.timeoutMs / 1000)} seconds`)), options.timeoutMs);
    request.on("close", () => clearTimeout(timer));
    request.on("error", reject);
    request.end(body);
  });
}
