import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

/** How the next ID token goes wrong, if at all. */
interface IdTokenMode {
  audience?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  unsigned?: boolean;
  wrongNonce?: boolean;
  /** Sign with a key the JWKS does not publish. */
  unpublishedKey?: boolean;
  claims?: Record<string, unknown>;
  /** The token endpoint refuses with this OAuth error body instead. */
  tokenError?: { status: number; error: string; error_description?: string };
}

interface Key {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function newKey(): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const kid = randomBytes(6).toString("hex");
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * A tiny hand-written OpenID Provider that signs ID tokens with `jose`, so a test can make each one
 * wrong in exactly one way. It signs everyone in at once as `user`.
 */
export async function startJoseIdp(user: Record<string, unknown>) {
  let published = await newKey();
  const unpublished = await newKey();
  let mode: IdTokenMode = {};
  let jwksRequests = 0;
  const codes = new Map<string, { nonce: string; clientId: string }>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (body: unknown, status = 200) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    if (url.pathname === "/jwks") {
      jwksRequests++;
      return json({ keys: [published.jwk] });
    }
    if (url.pathname === "/authorize") {
      const code = randomBytes(16).toString("hex");
      codes.set(code, { nonce: url.searchParams.get("nonce") ?? "", clientId: url.searchParams.get("client_id") ?? "" });
      const back = new URL(url.searchParams.get("redirect_uri") ?? "");
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      res.writeHead(302, { Location: back.toString() });
      return res.end();
    }
    if (url.pathname === "/token") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const grant = codes.get(new URLSearchParams(body).get("code") ?? "");
      if (!grant) return json({ error: "invalid_grant", error_description: "unknown code" }, 400);
      if (mode.tokenError) return json({ error: mode.tokenError.error, error_description: mode.tokenError.error_description }, mode.tokenError.status);
      const now = Math.floor(Date.now() / 1000);
      const claims = { ...user, ...mode.claims, nonce: mode.wrongNonce ? "another-sign-in" : grant.nonce };
      const exp = now + (mode.expiresIn ?? 300);
      const iat = Math.min(now, exp - 60);
      const audience = mode.audience ?? grant.clientId;
      let idToken: string;
      if (mode.unsigned) idToken = `${b64({ alg: "none", typ: "JWT" })}.${b64({ ...claims, iss: issuer, aud: audience, iat, exp })}.`;
      else {
        const key = mode.unpublishedKey ? unpublished : published;
        idToken = await new SignJWT(claims)
          .setProtectedHeader({ alg: "RS256", kid: key.kid })
          .setIssuer(issuer)
          .setAudience(audience)
          .setIssuedAt(iat)
          .setExpirationTime(exp)
          .sign(key.privateKey);
      }
      return json({ access_token: randomBytes(16).toString("hex"), token_type: "Bearer", expires_in: 300, id_token: idToken });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    /** How many times its JWKS was requested. */
    get jwksRequests() {
      return jwksRequests;
    },
    setMode(next: IdTokenMode) {
      mode = next;
    },
    /** The IdP replaces its signing key: the JWKS publishes only the new one from now on. */
    async rotateKey() {
      published = await newKey();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
