import { Resolver } from "node:dns/promises";
import type { DomainCheckRecord } from "@/db/schema";

interface TxtLookupOptions {
  /** Resolver addresses as `Resolver.setServers` takes them (`127.0.0.1:5353`); system resolvers when empty. */
  servers: string[];
  timeoutMs: number;
}

/**
 * Looks up the TXT records at `name` and compares them with the expected value, saying exactly what
 * was found. Never waits longer than `timeoutMs`, whatever the resolver does.
 */
export async function checkTxtRecord(name: string, expected: string, options: TxtLookupOptions): Promise<DomainCheckRecord> {
  const resolver = new Resolver({ timeout: Math.max(200, Math.floor(options.timeoutMs / 2)), tries: 2 });
  if (options.servers.length) resolver.setServers(options.servers);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), options.timeoutMs);
  });
  try {
    const result = await Promise.race([resolver.resolveTxt(name), deadline]);
    if (result === "timeout") {
      resolver.cancel();
      return { outcome: "timeout", found: [], detail: `The DNS lookup of ${name} timed out. Try again in a few minutes.` };
    }
    // A TXT record may arrive in several strings; together they are one value.
    const found = result.map((chunks) => chunks.join(""));
    if (found.includes(expected)) return { outcome: "verified", found, detail: `Found the TXT record at ${name}.` };
    return {
      outcome: "wrong_value",
      found,
      detail: `Found ${found.length} TXT record${found.length === 1 ? "" : "s"} at ${name}, but none with the expected value.`,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENODATA")
      return { outcome: "no_record", found: [], detail: `There is no TXT record at ${name} yet. DNS changes can take a while to appear.` };
    if (code === "ENOTFOUND")
      return { outcome: "nxdomain", found: [], detail: `The name ${name} does not exist in DNS. Check the domain and the record's host name.` };
    if (code === "ETIMEOUT" || code === "ECANCELLED")
      return { outcome: "timeout", found: [], detail: `The DNS lookup of ${name} timed out. Try again in a few minutes.` };
    return { outcome: "dns_error", found: [], detail: `The DNS lookup of ${name} failed (${code ?? "unknown error"}). Try again in a few minutes.` };
  } finally {
    clearTimeout(timer);
  }
}
