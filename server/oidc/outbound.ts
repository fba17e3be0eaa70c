import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { isPrivateAddress } from "@/server/saml/fetch-metadata";

const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 10_000;

class OutboundRefusedError extends Error {}

function bodyBytes(body: unknown): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string" || body instanceof URLSearchParams) return Buffer.from(body.toString(), "utf8");
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new OutboundRefusedError("streamed request bodies are not sent");
}

/**
 * A `fetch` for openid-client's `customFetch`: 10 s timeout, 1 MiB cap, no redirects, and no private or
 * loopback address unless the installation allows them. The address is checked in the socket's own
 * lookup, so a DNS answer that changes between check and connect (rebinding) cannot slip past.
 */
export function guardedFetch(allowPrivate: boolean) {
  return async (target: string, options: { method: string; headers: Record<string, string>; body?: unknown }): Promise<Response> => {
    const url = new URL(target);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new OutboundRefusedError(`${url.protocol} URLs are not fetched`);
    const literal = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(literal) && isPrivateAddress(literal) && !allowPrivate)
      throw new OutboundRefusedError(`${url.host} is a private or loopback address, which Portico does not call`);
    const body = bodyBytes(options.body);
    const headers: Record<string, string> = { ...options.headers };
    if (body) headers["content-length"] = String(body.byteLength);
    const lookup = (hostname: string, opts: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
      dnsLookup(hostname, { ...opts, all: true }, (err, addresses) => {
        if (err) return callback(err, "");
        const list = addresses as LookupAddress[];
        const refused = list.find((a) => isPrivateAddress(a.address));
        if (refused && !allowPrivate)
          return callback(
            new OutboundRefusedError(`${hostname} resolves to a private or loopback address (${refused.address}), which Portico does not call`),
            "",
          );
        if ((opts as { all?: boolean }).all) return callback(null, list);
        callback(null, list[0]!.address, list[0]!.family);
      });
    };
    const client = url.protocol === "https:" ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = client.request(url, { method: options.method, headers, lookup: lookup as never, timeout: TIMEOUT_MS }, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BYTES) {
            outgoing.destroy();
            reject(new OutboundRefusedError(`${url.host} answered with more than 1 MiB`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () => {
          const replyHeaders = new Headers();
          for (const [key, value] of Object.entries(response.headers)) {
            if (typeof value === "string") replyHeaders.set(key, value);
            else if (Array.isArray(value)) for (const v of value) replyHeaders.append(key, v);
          }
          const status = response.statusCode ?? 502;
          const nullBody = status === 204 || status === 304;
          resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, headers: replyHeaders }));
        });
        response.on("error", reject);
      });
      outgoing.on("timeout", () => {
        outgoing.destroy();
        reject(new OutboundRefusedError(`${url.host} did not answer within 10 seconds`));
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  };
}
