import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { SamlError } from "./errors";

export const NS = {
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  metadata: "urn:oasis:names:tc:SAML:2.0:metadata",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
  xenc: "http://www.w3.org/2001/04/xmlenc#",
} as const;

/** SECURITY.md SAML check 9: bodies over 1 MiB are refused before parsing. */
const MAX_SAML_BYTES = 1024 * 1024;

/**
 * Characters outside XML 1.0's `Char` production (§2.2): NUL and most C0 controls, U+FFFE/U+FFFF and
 * unpaired surrogates. No IdP sends them; refusing them here also keeps them out of the session log,
 * which could not store a NUL.
 */
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * SAMLResponse arrives base64 (HTTP-POST binding); saved responses may be raw XML. Whitespace inside the
 * base64 is allowed (some IdPs wrap at 76 columns), anything else that is not base64 is refused.
 */
export function decodeSamlMessage(input: string): string {
  if (input.length > MAX_SAML_BYTES * 1.4) throw new SamlError("response_too_large");
  const trimmed = input.replace(/^\uFEFF/, "").trim();
  let xml: string;
  if (trimmed.startsWith("<")) xml = trimmed;
  else {
    const compact = trimmed.replace(/\s+/g, "");
    if (!compact || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) throw new SamlError("malformed_response", "The SAMLResponse is neither base64 nor XML.");
    xml = Buffer.from(compact, "base64").toString("utf8");
  }
  xml = xml.replace(/^\uFEFF/, "");
  if (Buffer.byteLength(xml, "utf8") > MAX_SAML_BYTES) throw new SamlError("response_too_large");
  const bad = notXmlChar.exec(xml);
  if (bad)
    throw new SamlError(
      "malformed_response",
      `The XML contains U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} at position ${bad.index + 1}, which XML does not allow.`,
    );
  return xml;
}

/**
 * Parses untrusted XML. Any DOCTYPE is refused outright (XXE, billion laughs: check 9), and so is
 * anything the parser complains about, such as a second root element.
 */
export function parseUntrustedXml(xml: string): Document {
  if (Buffer.byteLength(xml, "utf8") > MAX_SAML_BYTES) throw new SamlError("response_too_large");
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SamlError("dtd_forbidden");
  const problems: string[] = [];
  const parser = new DOMParser({
    locator: {},
    errorHandler: {
      warning: (m: string) => problems.push(m),
      error: (m: string) => problems.push(m),
      fatalError: (m: string) => problems.push(m),
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(xml, "text/xml") as unknown as Document;
  } catch (error) {
    throw new SamlError("malformed_response", `The XML cannot be parsed: ${(error as Error).message}`);
  }
  if (problems.length || !doc?.documentElement) {
    throw new SamlError("malformed_response", `The XML cannot be parsed: ${(problems[0] ?? "no root element").replace(/\s+/g, " ").slice(0, 200)}`);
  }
  for (let node = doc.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 10) throw new SamlError("dtd_forbidden");
  }
  return doc;
}

export function elementChildren(parent: Node, ns?: string, localName?: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (ns && el.namespaceURI !== ns) continue;
    if (localName && el.localName !== localName) continue;
    found.push(el);
  }
  return found;
}

export function firstChild(parent: Node, ns: string, localName: string): Element | undefined {
  return elementChildren(parent, ns, localName)[0];
}

export function descendants(parent: Document | Element, ns: string, localName: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(ns, localName) as unknown as ArrayLike<Element>);
}

/**
 * The element's whole text, comments skipped: `user@evil.com<!---->.good.com` reads as
 * `user@evil.com.good.com`, never as its first text node (CVE-2017-11427, check 10).
 */
export function textOf(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  return (el.textContent ?? "").trim();
}

export function hasComment(el: Element): boolean {
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 8) return true;
    if (node.nodeType === 1 && hasComment(node as Element)) return true;
  }
  return false;
}

export function isAncestor(ancestor: Node, node: Node): boolean {
  for (let current: Node | null = node.parentNode; current; current = current.parentNode) if (current === ancestor) return true;
  return false;
}

export function serialize(node: Node): string {
  return new XMLSerializer().serializeToString(node as never);
}

/** Indented XML for people reading the session log; the stored original is never altered. */
export function prettyXml(xml: string): string {
  try {
    const doc = parseUntrustedXml(xml);
    const lines: string[] = [];
    const walk = (node: Node, depth: number) => {
      const pad = "  ".repeat(depth);
      if (node.nodeType === 3) {
        const text = (node.nodeValue ?? "").trim();
        if (text) lines.push(pad + escapeText(text));
        return;
      }
      if (node.nodeType !== 1) return;
      const el = node as Element;
      const attrs = Array.from(el.attributes as unknown as ArrayLike<Attr>)
        .map((a) => ` ${a.name}="${escapeAttr(a.value)}"`)
        .join("");
      const kids = Array.from(el.childNodes as unknown as ArrayLike<Node>).filter((c) => c.nodeType === 1 || (c.nodeType === 3 && (c.nodeValue ?? "").trim()));
      if (kids.length === 0) lines.push(`${pad}<${el.tagName}${attrs}/>`);
      else if (kids.length === 1 && kids[0]!.nodeType === 3)
        lines.push(`${pad}<${el.tagName}${attrs}>${escapeText((kids[0]!.nodeValue ?? "").trim())}</${el.tagName}>`);
      else {
        lines.push(`${pad}<${el.tagName}${attrs}>`);
        for (const kid of kids) walk(kid, depth + 1);
        lines.push(`${pad}</${el.tagName}>`);
      }
    };
    walk(doc.documentElement, 0);
    return lines.join("\n");
  } catch {
    return xml;
  }
}

function escapeText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;");
}
