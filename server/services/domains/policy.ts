import { parse } from "tldts";
import { z } from "zod";
import { normalizeDomain } from "@/server/services/organizations/domains";

/**
 * Consumer mailbox providers: anyone can have an address there, so no organization can claim them.
 * Kept short and deliberate (a broad list would also block real companies).
 */
const consumerMailDomains = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "hotmail.co.uk",
  "hotmail.fr",
  "live.com",
  "msn.com",
  "yahoo.com",
  "yahoo.co.uk",
  "yahoo.co.jp",
  "yahoo.fr",
  "ymail.com",
  "rocketmail.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "proton.me",
  "protonmail.com",
  "pm.me",
  "gmx.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "mail.com",
  "zoho.com",
  "yandex.com",
  "yandex.ru",
  "mail.ru",
  "qq.com",
  "163.com",
  "126.com",
  "sina.com",
  "naver.com",
  "daum.net",
  "hanmail.net",
  "fastmail.com",
  "hey.com",
  "tutanota.com",
  "tuta.io",
  "orange.fr",
  "free.fr",
  "laposte.net",
  "t-online.de",
  "libero.it",
  "comcast.net",
  "verizon.net",
  "att.net",
  "rediffmail.com",
  "seznam.cz",
  "wp.pl",
  "o2.pl",
  "rambler.ru",
]);

type DomainPolicyResult = { ok: true; domain: string } | { ok: false; code: string; message: string };

/** Normalizes a domain and refuses what no single organization can own. */
function checkClaimableDomain(input: string): DomainPolicyResult {
  const bare = input.trim().toLowerCase().replace(/\.$/, "");
  if (/^[a-z0-9-]+$/.test(bare) && parse(bare).isIcann) {
    return { ok: false, code: "domain_public_suffix", message: `${bare} is a public suffix shared by many owners; add your own domain under it instead` };
  }
  const domain = normalizeDomain(input);
  if (!domain) return { ok: false, code: "domain_invalid", message: `'${input.slice(0, 100)}' is not a valid domain name (like example.com)` };
  const parsed = parse(domain, { allowPrivateDomains: true });
  if (!parsed.domain || parsed.publicSuffix === domain) {
    return { ok: false, code: "domain_public_suffix", message: `${domain} is a public suffix shared by many owners; add your own domain under it instead` };
  }
  if (consumerMailDomains.has(domain)) {
    return { ok: false, code: "domain_consumer_mail", message: `${domain} is a consumer email provider; add your organization's own domain` };
  }
  return { ok: true, domain };
}

/** A domain field in any input: normalized, and refused with the reason when no organization may claim it. */
export const domainSchema = z.string({ error: "must be a string" }).transform((value, ctx) => {
  const checked = checkClaimableDomain(value);
  if (!checked.ok) {
    ctx.addIssue({ code: "custom", message: checked.message, params: { reason: checked.code } });
    return z.NEVER;
  }
  return checked.domain;
});
