import { createVerify } from "node:crypto";
import { createServer, type Server } from "node:http";
import { inflateRawSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { buildResponse, idpMetadataXml, makeKeyPair, type BuildOptions, type KeyPair } from "./saml-idp";

export interface IdpUser {
  email: string;
  firstName?: string;
  lastName?: string;
  groups?: string[];
}

export interface ReceivedRequest {
  id: string;
  issuer: string;
  acsUrl: string;
  relayState: string;
  signatureVerified: boolean;
  /** `ForceAuthn="true"` on the request (the app asked for prompt=login). */
  forceAuthn: boolean;
  /** The Subject's NameID the SP named (its login hint), and that NameID's Format. */
  subjectNameId: string | null;
  subjectNameIdFormat: string | null;
}

export interface TestIdp {
  url: string;
  entityId: string;
  metadataUrl: string;
  ssoUrl: string;
  key: KeyPair;
  user: IdpUser;
  /** Tweaks applied to the next responses (an attack, a clock shift...). */
  responseOverrides: Partial<BuildOptions>;
  requests: ReceivedRequest[];
  close: () => Promise<void>;
}

const esc = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

async function spCertificate(metadataUrl: string): Promise<string | null> {
  try {
    const xml = await (await fetch(metadataUrl)).text();
    const cert = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(xml)?.[1];
    return cert ? `-----BEGIN CERTIFICATE-----\n${cert.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n` : null;
  } catch {
    return null;
  }
}

/**
 * A SAML IdP on loopback: serves its metadata, takes HTTP-Redirect AuthnRequests (checking Portico's
 * query-string signature against the certificate in Portico's SP metadata), "signs in" `user` and
 * answers with an auto-posting form carrying a freshly signed response to the requested ACS.
 */
function verifyEmbeddedSignature(xml: string, cert: string): boolean {
  try {
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const signature = doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature")[0];
    if (!signature) return false;
    const verifier = new SignedXml({ publicCert: cert, getCertFromKeyInfo: () => null });
    verifier.loadSignature(signature);
    return verifier.checkSignature(xml);
  } catch {
    return false;
  }
}

async function readBody(req: import("node:http").IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startTestIdp(
  user: IdpUser,
  /** `cacheSpCertificates`: read each SP's metadata once (a benchmark's IdP), not at every request. */
  options: { postOnly?: boolean; key?: KeyPair; cacheSpCertificates?: boolean } = {},
): Promise<TestIdp> {
  const certificates = new Map<string, Promise<string | null>>();
  const certificateOf = (issuer: string) => {
    if (!options.cacheSpCertificates) return spCertificate(issuer);
    if (!certificates.has(issuer)) certificates.set(issuer, spCertificate(issuer));
    return certificates.get(issuer)!;
  };
  const key = options.key ?? (await makeKeyPair("idp.test"));
  let server: Server;
  const idp = { user, responseOverrides: {}, requests: [] as ReceivedRequest[], key } as TestIdp;
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", idp.url);
    if (url.pathname === "/metadata") {
      res.writeHead(200, { "Content-Type": "application/samlmetadata+xml" });
      res.end(idpMetadataXml({ entityId: idp.entityId, ssoUrl: idp.ssoUrl, certificates: [idp.key.certificate], postOnly: options.postOnly }));
      return;
    }
    const posted = req.method === "POST" ? new URLSearchParams(await readBody(req)) : null;
    const samlRequest = posted ? posted.get("SAMLRequest") : url.searchParams.get("SAMLRequest");
    if (url.pathname !== "/sso" || !samlRequest || (options.postOnly && !posted)) {
      res.writeHead(404).end();
      return;
    }
    // HTTP-Redirect: deflated, signature over the query string. HTTP-POST: plain base64, signature inside the XML.
    const xml = posted ? Buffer.from(samlRequest, "base64").toString("utf8") : inflateRawSync(Buffer.from(samlRequest, "base64")).toString("utf8");
    const request = new DOMParser().parseFromString(xml, "text/xml").documentElement;
    const issuer = (request.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Issuer")[0]?.textContent ?? "").trim();
    const subject = request.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Subject")[0];
    const subjectNameId = subject?.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "NameID")[0];
    const cert = await certificateOf(issuer);
    const signatureVerified = !cert
      ? false
      : posted
        ? verifyEmbeddedSignature(xml, cert)
        : createVerify("RSA-SHA256")
            .update(url.search.slice(1).split("&Signature=")[0]!)
            .verify(cert, url.searchParams.get("Signature") ?? "", "base64");
    const received: ReceivedRequest = {
      id: request.getAttribute("ID") ?? "",
      issuer,
      acsUrl: request.getAttribute("AssertionConsumerServiceURL") ?? "",
      relayState: (posted ? posted.get("RelayState") : url.searchParams.get("RelayState")) ?? "",
      signatureVerified,
      forceAuthn: request.getAttribute("ForceAuthn") === "true",
      subjectNameId: subjectNameId?.textContent ?? null,
      subjectNameIdFormat: subjectNameId?.getAttribute("Format") ?? null,
    };
    idp.requests.push(received);
    if (!signatureVerified) {
      res.writeHead(400, { "Content-Type": "text/plain" }).end("The AuthnRequest signature does not verify.");
      return;
    }
    const u = idp.user;
    const response = buildResponse(idp.key, {
      issuer: idp.entityId,
      audience: received.issuer,
      acsUrl: received.acsUrl,
      inResponseTo: received.id,
      nameId: u.email,
      attributes: {
        email: u.email,
        ...(u.firstName ? { firstName: u.firstName } : {}),
        ...(u.lastName ? { lastName: u.lastName } : {}),
        ...(u.groups ? { groups: u.groups } : {}),
      },
      ...idp.responseOverrides,
    });
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><html><body><form method="post" action="${esc(received.acsUrl)}">` +
        `<input type="hidden" name="SAMLResponse" value="${Buffer.from(response).toString("base64")}">` +
        `<input type="hidden" name="RelayState" value="${esc(received.relayState)}">` +
        `<button type="submit">Continue</button></form><script>document.forms[0].submit()</script></body></html>`,
    );
  });
  // Idle sockets outlive the client's keep-alive (undici: 4 s), so a reused socket is never closed under it (ECONNRESET on a loaded machine).
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  idp.url = `http://127.0.0.1:${port}`;
  idp.entityId = `${idp.url}/metadata`;
  idp.metadataUrl = `${idp.url}/metadata`;
  idp.ssoUrl = `${idp.url}/sso`;
  idp.close = () => new Promise((resolve) => server.close(() => resolve()));
  return idp;
}

/** What a browser does with the IdP's auto-posting page, for tests without a browser. */
export function formFields(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&") ?? "";
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1]!] = match[2]!
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  }
  return { action, fields };
}
