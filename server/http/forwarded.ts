import { BlockList, isIP } from "node:net";

/** Which peers may speak for a client through X-Forwarded-For. */
export type ProxyTrust = (address: string) => boolean;

/**
 * One spelling per address, so one client is one rate-limit key: `::ffff:127.0.0.1` (an IPv4 client on
 * a dual-stack socket) is 127.0.0.1, and IPv6 takes its canonical form (RFC 5952) via the URL parser.
 */
function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    // A zone id (fe80::1%eth0) is not URL syntax; such a link-local peer keeps its own spelling.
    return address.toLowerCase();
  }
}

const family = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

/** Builds the trust check from TRUSTED_PROXIES entries (already validated by server/env.ts). */
export function proxyTrust(entries: string[]): ProxyTrust {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    if (prefix === undefined) list.addAddress(normalizeAddress(address), family(normalizeAddress(address)));
    else list.addSubnet(address, Number(prefix), family(address));
  }
  return (address) => {
    const normalized = normalizeAddress(address);
    return isIP(normalized) !== 0 && list.check(normalized, family(normalized));
  };
}

/** One X-Forwarded-For hop: a bare IP, or an IP with a port as some proxies write it (`1.2.3.4:5678`, `[::1]:80`). */
function hopAddress(hop: string): string | null {
  const candidate = hop
    .trim()
    .replace(/^\[([^\]]+)\](?::\d+)?$/, "$1")
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  return isIP(candidate) ? normalizeAddress(candidate) : null;
}

/**
 * The client's address. The socket's peer, unless that peer is a trusted proxy: then X-Forwarded-For
 * is read from the right (each proxy appends the address it saw) and the first hop that is not itself
 * a trusted proxy is the client. Everything to its left was written by that client and proves nothing.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: ProxyTrust): string {
  let client = socketAddress ? normalizeAddress(socketAddress) : "unknown";
  if (!trusted(client) || !forwardedFor) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",").filter((h) => h.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hopAddress(hops[i]!);
    // A hop that is not an address cannot be attributed: the last proxy that handed it on is the client.
    if (!hop) return client;
    client = hop;
    if (!trusted(hop)) return client;
  }
  return client;
}
