import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";
import { MetadataError } from "./metadata";

const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 10_000;

const privateRanges = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) privateRanges.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) privateRanges.addSubnet(net, bits, "ipv6");

export function isPrivateAddress(address: string): boolean {
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged by its IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  const family = isIP(address);
  if (family === 0) return true;
  return privateRanges.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * Fetches IdP metadata server-side: http(s) only, 10 s timeout, 1 MiB cap, no redirects, and no
 * private or loopback addresses (checked on the address actually connected to, so DNS rebinding
 * cannot slip past) unless the installation explicitly allows them.
 */
export function fetchMetadata(rawUrl: string, options: { allowPrivate: boolean }): Promise<string> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return Promise.reject(new MetadataError("fetch_failed", "is not a valid URL"));
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return Promise.reject(new MetadataError("fetch_failed", "must be an http or https URL"));
  if (url.username || url.password) return Promise.reject(new MetadataError("fetch_failed", "must not contain credentials"));
  // An address literal never goes through DNS lookup, so it is checked here.
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(literal) && isPrivateAddress(literal) && !options.allowPrivate) {
    return Promise.reject(new MetadataError("address_refused", `points to a private or loopback address (${literal}), which Portico does not fetch`));
  }
  const guardedLookup = (hostname: string, opts: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...opts, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const list = addresses as LookupAddress[];
      const refused = list.find((a) => isPrivateAddress(a.address));
      if (refused && !options.allowPrivate) return callback(new MetadataError("address_refused", `points to a private or loopback address (${refused.address}), which Portico does not fetch`), "");
      if ((opts as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { lookup: guardedLookup as never, timeout: TIMEOUT_MS, headers: { Accept: "application/samlmetadata+xml, application/xml, text/xml" } }, (response) => {
      if ((response.statusCode ?? 0) >= 300) {
        response.resume();
        reject(new MetadataError("fetch_failed", `answered HTTP ${response.statusCode}${response.headers.location ? " (a redirect: give the final URL)" : ""}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BYTES) {
          request.destroy();
          reject(new MetadataError("fetch_failed", "returned more than 1 MiB"));
          return;
        }
        chunks.push(chunk);
      });
      response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      response.on("error", (error) => reject(new MetadataError("fetch_failed", `could not be read: ${error.message}`)));
    });
    request.on("timeout", () => {
      request.destroy();
      reject(new MetadataError("fetch_failed", "did not answer within 10 seconds"));
    });
    request.on("error", (error) => reject(error instanceof MetadataError ? error : new MetadataError("fetch_failed", `could not be fetched: ${error.message}`)));
  });
}
