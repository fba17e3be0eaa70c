import http from "node:http";
import https from "node:https";
import { AddressRefusedError, guardedLookup as outboundLookup, isPrivateAddress, refusedLiteral } from "@/server/net/outbound";
import { MetadataError } from "./metadata";

const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 10_000;

export { isPrivateAddress };

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
  const literal = refusedLiteral(url, options.allowPrivate);
  if (literal)
    return Promise.reject(new MetadataError("address_refused", `points to a private or loopback address (${literal}), which Portico does not fetch`));
  const lookup = outboundLookup(options.allowPrivate);
  const guardedLookup = (
    hostname: string,
    opts: object,
    callback: (err: Error | null, address: string | import("node:dns").LookupAddress[], family?: number) => void,
  ) =>
    lookup(hostname, opts, (err, address, family) =>
      callback(
        err instanceof AddressRefusedError
          ? new MetadataError("address_refused", `points to a private or loopback address (${err.address}), which Portico does not fetch`)
          : err,
        address,
        family,
      ),
    );
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      { lookup: guardedLookup as never, timeout: TIMEOUT_MS, headers: { Accept: "application/samlmetadata+xml, application/xml, text/xml" } },
      (response) => {
        if ((response.statusCode ?? 0) >= 300) {
          response.resume();
          reject(
            new MetadataError("fetch_failed", `answered HTTP ${response.statusCode}${response.headers.location ? " (a redirect: give the final URL)" : ""}`),
          );
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
      },
    );
    request.on("timeout", () => {
      request.destroy();
      reject(new MetadataError("fetch_failed", "did not answer within 10 seconds"));
    });
    request.on("error", (error) =>
      reject(error instanceof MetadataError ? error : new MetadataError("fetch_failed", `could not be fetched: ${error.message}`)),
    );
  });
}
