/**
 * Complete SSO sign-ins on Postgres, as an app makes them with `@workos-inc/node`: getAuthorizationUrl →
 * `/sso/authorize` → the IdP on loopback → Portico's ACS (SAML) or callback (OIDC) → `/sso/token` →
 * `/sso/profile`, at concurrency 10. Beside each, in the same run, the same IdP round trip without Portico:
 * a bare SP signing its AuthnRequest and checking the response's signature (SAML), or openid-client alone
 * with PKCE, state and nonce against the same OpenID Provider (OIDC).
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- sso
 *   (BENCH_QUICK=1 runs a tenth of the sign-ins, to check the benchmark itself.)
 */
import { createServer, type Server } from "node:http";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { DOMParser } from "@xmldom/xmldom";
import { WorkOS } from "@workos-inc/node";
import * as oidc from "openid-client";
import { SignedXml } from "xml-crypto";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { authnRequestXml, newRequestId, redirectBinding } from "../server/saml/authn-request";
import { getClientId } from "../server/services/settings/installation";
import { usingPostgres } from "../tests/support/db";
import { followOidcSignIn, startOidcIdp } from "../tests/support/oidc-idp";
import { makeKeyPair } from "../tests/support/saml-idp";
import { formFields, startTestIdp } from "../tests/support/saml-idp-server";
import { freshDatabaseEnv, runCli, startServer } from "../tests/support/server";
import { seedDatabase, signInThroughIdp } from "../tests/support/sso-flow";
import { run, type Reply, type Stats } from "./support/load";
import { perSecond, reportRow } from "./support/report";

const quick = process.env.BENCH_QUICK === "1";
const SIGN_INS = quick ? 30 : 300;
const CONCURRENCY = 10;
const CALLBACK = "https://app.example.com/sso/callback";
const USER = { email: "ada@bench-sso.example.com", firstName: "Ada", lastName: "Lovelace" };
const done = (body = ""): Reply => ({ status: 200, body });
const failed = (body: string): Reply => ({ status: 500, body });

/** A bare SP's metadata, so the IdP can check its AuthnRequest signatures as it checks Portico's. */
async function bareSpMetadata(certificate: string): Promise<{ url: string; server: Server }> {
  const body = certificate.replace(/-----[^-]+-----|\s/g, "");
  const server = createServer((_req, res) => {
    res
      .writeHead(200, { "Content-Type": "application/samlmetadata+xml" })
      .end(`<md:EntityDescriptor><ds:X509Certificate>${body}</ds:X509Certificate></md:EntityDescriptor>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/metadata`, server };
}

async function main() {
  if (!usingPostgres) throw new Error("This benchmark measures Postgres: set TEST_DATABASE_URL (see the header of bench/sso.bench.ts).");
  buildIfNeeded();
  const database = await freshDatabaseEnv();
  const clientId = await seedDatabase(database.env, (db) => getClientId(db));
  const redirects = runCli(["set-redirect-uris", CALLBACK], database.env);
  if (redirects.status !== 0) throw new Error(redirects.stderr);
  const apiKey = runCli(["create-api-key", "--name", "bench"], database.env).stdout.trim();
  const server = await startServer({
    database,
    // BENCH_CPU_PROF=<dir>: the server writes a CPU profile there when it stops (summarise it as bench/support/profile.ts does).
    nodeArgs: process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [],
    env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true", API_RATE_LIMIT_PER_MINUTE: "1000000", ACS_RATE_LIMIT_PER_MINUTE: "1000000" },
  });
  const samlIdp = await startTestIdp(USER, { cacheSpCertificates: true });
  const oidcIdp = await startOidcIdp({
    redirectPrefix: `${server.url}/sso/oidc/`,
    users: [{ sub: "ada-42", email: USER.email, given_name: USER.firstName, family_name: USER.lastName }],
  });
  const bareSp = await makeKeyPair("bare-sp.example.com");
  const bareMetadata = await bareSpMetadata(bareSp.certificate);
  const workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
  const api = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  const samlOrg = await api("/organizations", { name: "Bench SAML" });
  await api("/connections", { organization_id: samlOrg.id, connection_type: "OktaSAML", metadata_url: samlIdp.metadataUrl });
  const oidcOrg = await api("/organizations", { name: "Bench OIDC" });
  await api("/connections", {
    organization_id: oidcOrg.id,
    connection_type: "GenericOIDC",
    oidc_discovery_endpoint: oidcIdp.discoveryUrl,
    oidc_client_id: oidcIdp.clientId,
    oidc_client_secret: oidcIdp.clientSecret,
  });

  /** The app's side after Portico answers: the code exchanged for the profile, and the profile read again. */
  const finish = async (location: string): Promise<Reply> => {
    const code = location ? new URL(location).searchParams.get("code") : null;
    if (!code) return failed(`no code: ${location}`);
    const { profile, accessToken } = await workos.sso.getProfileAndToken({ code, clientId });
    const again = await workos.sso.getProfile({ accessToken });
    return again.email === USER.email && profile.email === USER.email ? done() : failed(JSON.stringify(profile));
  };
  const samlPortico = async (i: number) => {
    const url = workos.sso.getAuthorizationUrl({ organization: samlOrg.id, redirectUri: CALLBACK, clientId, state: `s${i}` });
    return finish((await signInThroughIdp(url, samlIdp)).location);
  };
  const samlBare = async (i: number) => {
    const sp = { entityId: bareMetadata.url, acsUrl: "https://bare-sp.example.com/acs", privateKey: bareSp.privateKey, certificate: bareSp.certificate };
    const xml = authnRequestXml({ id: newRequestId(), issueInstant: new Date(), sp, destination: samlIdp.ssoUrl });
    const request = redirectBinding(xml, samlIdp.ssoUrl, `r${i}`, bareSp.privateKey);
    const page = await fetch(request.url);
    if (!page.ok) return failed(await page.text());
    const response = Buffer.from(formFields(await page.text()).fields.SAMLResponse ?? "", "base64").toString("utf8");
    const doc = new DOMParser().parseFromString(response, "text/xml");
    const signature = doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature")[0];
    if (!signature) return failed("unsigned response");
    const verifier = new SignedXml({ publicCert: samlIdp.key.certificate, getCertFromKeyInfo: () => null });
    verifier.loadSignature(signature);
    if (!verifier.checkSignature(response)) return failed("signature does not verify");
    const nameId = doc.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "NameID")[0]?.textContent;
    return nameId === USER.email ? done() : failed(`NameID ${nameId}`);
  };
  const oidcPortico = async (i: number) => {
    const url = workos.sso.getAuthorizationUrl({ organization: oidcOrg.id, redirectUri: CALLBACK, clientId, state: `o${i}` });
    const callbackAt = await followOidcSignIn(url, "ada-42", "/sso/oidc/");
    const answer = await fetch(callbackAt, { redirect: "manual" });
    return finish(answer.headers.get("location") ?? "");
  };
  const bareConfig = await oidc.discovery(new URL(oidcIdp.discoveryUrl), oidcIdp.clientId, oidcIdp.clientSecret, undefined, {
    execute: [oidc.allowInsecureRequests],
  });
  const bareRedirect = `${server.url}/sso/oidc/bare/callback`;
  const oidcBare = async () => {
    const [verifier, state, nonce] = [oidc.randomPKCECodeVerifier(), oidc.randomState(), oidc.randomNonce()];
    const url = oidc.buildAuthorizationUrl(bareConfig, {
      redirect_uri: bareRedirect,
      scope: "openid email profile",
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
    });
    const callbackAt = await followOidcSignIn(url.toString(), "ada-42", "/sso/oidc/");
    const tokens = await oidc.authorizationCodeGrant(bareConfig, new URL(callbackAt), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) return failed("no ID token");
    // As Portico does: userinfo fills the claims the ID token lacks (this provider releases email there).
    const email = claims.email ?? (await oidc.fetchUserInfo(bareConfig, tokens.access_token, claims.sub)).email;
    return email === USER.email ? done() : failed(JSON.stringify(claims));
  };

  /** One SAML sign-in, step by step (no concurrency): where a sign-in's time goes. */
  const stepTimes: Record<string, number[]> = { authorize: [], idp: [], acs: [], token: [], profile: [] };
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    stepTimes[step]!.push(performance.now() - started);
    return result;
  };
  const samlSteps = async (i: number): Promise<Reply> => {
    const url = workos.sso.getAuthorizationUrl({ organization: samlOrg.id, redirectUri: CALLBACK, clientId, state: `t${i}` });
    const idpUrl = await timed("authorize", async () => (await fetch(url, { redirect: "manual" })).headers.get("location")!);
    const form = await timed("idp", async () => formFields(await (await fetch(idpUrl)).text()));
    const location = await timed("acs", async () => {
      const body = new URLSearchParams(form.fields).toString();
      const answer = await fetch(form.action, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });
      return answer.headers.get("location") ?? "";
    });
    const code = new URL(location).searchParams.get("code");
    if (!code) return failed(location);
    const { accessToken } = await timed("token", () => workos.sso.getProfileAndToken({ code, clientId }));
    await timed("profile", () => workos.sso.getProfile({ accessToken }));
    return done();
  };

  const loadBefore = loadavg().map((n) => Math.round(n * 100) / 100);
  const results: Record<string, { portico: Stats; bare: Stats; ratio: number }> = {};
  let steps: Record<string, number> = {};
  const sequential: Record<string, { portico: Stats; bare: Stats }> = {};
  const f = (s: Stats) => `${s.perSecond} sign-ins/s, p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms`;
  try {
    // Warm both paths (JIT, pools, Next's route compilation, the IdPs) before measuring.
    const warm = quick ? 10 : 40;
    await run(warm, CONCURRENCY, samlPortico, [200]);
    await run(warm, CONCURRENCY, samlBare, [200]);
    await run(warm, CONCURRENCY, oidcPortico, [200]);
    await run(warm, CONCURRENCY, oidcBare, [200]);
    for (const [name, portico, bare] of [
      ["SAML (OktaSAML, HTTP-Redirect request, signed response)", samlPortico, samlBare],
      ["OIDC (GenericOIDC, oidc-provider, code flow with PKCE)", oidcPortico, oidcBare],
    ] as const) {
      const p = await run(SIGN_INS, CONCURRENCY, portico, [200]);
      const b = await run(SIGN_INS, CONCURRENCY, bare, [200]);
      results[name] = { portico: p, bare: b, ratio: Math.round((p.perSecond / b.perSecond) * 100) / 100 };
      console.log(`${name}, ${SIGN_INS} sign-ins at concurrency ${CONCURRENCY}\n  portico ${f(p)}\n  bare    ${f(b)}\n  ratio   ${results[name]!.ratio}`);
    }
    // One sign-in at a time: the latency a person signing in sees, without the queueing that ten at once on
    // two cores (shared with the IdPs and this client) adds.
    for (const [name, portico, bare] of [
      ["SAML", samlPortico, samlBare],
      ["OIDC", oidcPortico, oidcBare],
    ] as const) {
      const p = await run(quick ? 10 : 100, 1, portico, [200]);
      const b = await run(quick ? 10 : 100, 1, bare, [200]);
      sequential[name] = { portico: p, bare: b };
      console.log(`${name}, one at a time\n  portico ${f(p)}\n  bare    ${f(b)}`);
    }
    await run(quick ? 10 : 50, 1, samlSteps, [200]);
    const p50 = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]! * 10) / 10;
    steps = Object.fromEntries(Object.entries(stepTimes).map(([step, values]) => [step, p50(values)]));
    console.log(`SAML sign-in step by step, concurrency 1, p50 ms: ${JSON.stringify(steps)}`);
  } finally {
    await server.stop();
    await samlIdp.close();
    await oidcIdp.close();
    bareMetadata.server.close();
    await database.cleanup();
  }
  const report = {
    benchmark: "complete SSO sign-ins through @workos-inc/node: authorize → IdP on loopback → ACS/callback → token → profile",
    database: "postgres",
    concurrency: CONCURRENCY,
    signIns: SIGN_INS,
    machine: { cpus: cpus().length, loadBefore, loadAfter: loadavg().map((n) => Math.round(n * 100) / 100) },
    targetP95Ms: 100,
    results,
    oneAtATime: sequential,
    samlStepsP50Ms: steps,
  };
  writeFileSync(new URL("./results/sso.json", import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  for (const [name, r] of Object.entries(results)) {
    reportRow({
      scenario: `SSO: ${name}, complete sign-ins, concurrency ${CONCURRENCY}`,
      portico: perSecond(r.portico),
      bare: perSecond(r.bare),
      ratio: r.ratio,
      target: "p95 < 100 ms",
      met: r.portico.p95 < 100,
    });
  }
  for (const [name, r] of Object.entries(sequential)) {
    reportRow({
      scenario: `SSO: ${name}, complete sign-ins one at a time`,
      portico: `p50 ${Math.round(r.portico.p50)} ms, p95 ${Math.round(r.portico.p95)} ms`,
      bare: `p50 ${Math.round(r.bare.p50)} ms, p95 ${Math.round(r.bare.p95)} ms`,
      target: "p95 < 100 ms",
      met: r.portico.p95 < 100,
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
