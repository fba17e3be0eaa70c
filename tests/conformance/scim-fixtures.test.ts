import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { okta } from "../support/idp-replays";
import { sharedFixtures } from "../support/fixtures";
import { runPostmanCollection, type PostmanCollection } from "../support/postman";
import { runRunscopeSuite, type RunscopeStep } from "../support/runscope";
import { startScimTestServer, type ScimTestServer } from "../support/scim";

/**
 * Okta's and Microsoft's own SCIM test collections (fixtures/scim), run unchanged against the built
 * server. Steps that cannot apply here are listed below with the reason; every other request must pass
 * every assertion the collection makes.
 *
 * Not applicable, and why:
 * - Okta SPEC "Verify Groups endpoint": runs, but its `response_time < 600 ms` assertion is reported, not
 *   enforced (no timed assertions in tests on a shared machine). Its pauses (5–10 s) are skipped.
 * - Okta CRUD: the steps that call Okta's management API (`{{oktaOrgUrl}}/api/v1/...`) need a live Okta
 *   org; each is replaced by the SCIM requests that action makes Okta send (tests/support/idp-replays.ts),
 *   and every SCIM verification step then runs with its assertions.
 * - Azure "SCIM Tests" "Get Token": calls the reference server's own `/Token` endpoint, not part of SCIM;
 *   the directory's bearer token is supplied as `token` instead. The collection has no environment, so
 *   Protocol/Server/Port/Api point at this directory's base URL.
 * - Azure "SCIM Inbound" "Get Token": an Entra ID token request to login.microsoftonline.com (offline
 *   here); the directory's token is supplied. Its `https://{{endpoint}}/scim` prefix is pointed at this
 *   directory's base URL (plain http in tests).
 * - Azure "SCIM Inbound" "DeltaSync 2" and "Delete User 5": they use `{{Server}}{{Port}}/{{Api}}` and
 *   `{{id1}}`, which this collection never defines (they belong to the other collection's environment),
 *   so they have no target to call.
 */
const fixtures = path.join(sharedFixtures, "scim");
const load = <T>(file: string) => JSON.parse(readFileSync(path.join(fixtures, file), "utf8")) as T;

let t: ScimTestServer;
beforeAll(async () => {
  t = await startScimTestServer();
});
afterAll(async () => {
  await t?.server.stop();
});

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join("");
const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");

describe("Okta SCIM 2.0 SPEC test", () => {
  it("passes every required and optional step", async () => {
    const dir = await t.newDirectory("okta");
    // The suite's first step needs one complete user already in the directory.
    await okta.createUser(dir.scim, { email: "existing.user@atko.com", givenName: "Existing", familyName: "User" });
    const givenName = `Runscope${digits(3)}`;
    const familyName = `${letters(1).toUpperCase()}${letters(8)}${digits(3)}`;
    const email = `${givenName}${familyName}@atko.com`;
    const suite = load<{ steps: RunscopeStep[] }>("okta/Okta-SCIM-20-SPEC-Test.json");
    const results = await runRunscopeSuite(suite.steps, {
      variables: {
        SCIMBaseURL: dir.baseUrl,
        auth: `Bearer ${dir.token}`,
        randomGivenName: givenName,
        randomFamilyName: familyName,
        randomEmail: email,
        randomUsername: email,
        randomUsernameCaps: email.toUpperCase(),
        InvalidUserEmail: "abcdefgh@atko.com",
        UserIdThatDoesNotExist: "010101001010101011001010101011",
      },
    });
    expect(results).toHaveLength(12);
    for (const r of results) expect(r.failures, `${r.note} (${r.method} ${r.url} → ${r.status})`).toEqual([]);
    expect(results.reduce((n, r) => n + r.checked, 0)).toBeGreaterThanOrEqual(50);
    expect(results.flatMap((r) => r.notEnforced)).toEqual([expect.stringMatching(/^response_time is_less_than 600/)]);
  });
});

describe("Okta SCIM 2.0 CRUD test", () => {
  it("passes every SCIM verification, with Okta's own API steps replayed as the SCIM calls they cause", async () => {
    const dir = await t.newDirectory("okta");
    const first = `Runscope${digits(3)}`;
    const last = `${letters(1).toUpperCase()}${letters(8)}`;
    const email = `${first}${last}@atko.com`.toLowerCase();
    const person = { email, givenName: first, familyName: last };
    let scimId = "";
    let assignments = 0;
    const suite = load<{ steps: RunscopeStep[] }>("okta/Okta-SCIM-20-CRUD-Test.json");
    const results = await runRunscopeSuite(suite.steps, {
      variables: {
        SCIMUrl: dir.baseUrl,
        SCIMAuth: `Bearer ${dir.token}`,
        okta_user_firstname: first,
        okta_user_lastname: last,
        okta_user_email: email,
        okta_user_firstname_update: `${first}update`,
        okta_user_title: "Engineer",
        okta_user_primaryphone: "415.123.4567",
      },
      replay: async (step) => {
        if (!step.url?.startsWith("{{oktaOrgUrl}}")) return undefined;
        const note = step.note ?? "";
        if (/Assign user to SCIM App/.test(note)) {
          assignments++;
          if (assignments === 1) scimId = await okta.createUser(dir.scim, person);
          else {
            // Re-assignment of an existing user: Okta finds it by userName, pushes the profile, reactivates.
            await okta.createUser(dir.scim, person);
            await okta.updateProfile(dir.scim, scimId, { ...person, givenName: `${first}update` });
            await okta.setActive(dir.scim, scimId, true);
          }
        } else if (/Update user firstname/.test(note)) await okta.updateProfile(dir.scim, scimId, { ...person, givenName: `${first}update` });
        else if (/Deactivate user/.test(note) || /Removes an assignment/.test(note)) await okta.setActive(dir.scim, scimId, false);
        else if (/Reactivate user/.test(note)) await okta.setActive(dir.scim, scimId, true);
        return `Okta management API (${note}): replayed as the SCIM requests it makes Okta send`;
      },
    });
    const verifications = results.filter((r) => !r.skipped);
    expect(verifications).toHaveLength(5);
    for (const r of verifications) expect(r.failures, `${r.note} (${r.url} → ${r.status})`).toEqual([]);
    expect(verifications.reduce((n, r) => n + r.checked, 0)).toBe(13);
  });
});

describe("Microsoft SCIM reference Postman collections", () => {
  it("passes every request of 'SCIM Tests' (PostmanCollection.json)", async () => {
    const dir = await t.newDirectory("entra");
    const { port, url } = t.server;
    const results = await runPostmanCollection(load<PostmanCollection>("azuread-scimreferencecode/PostmanCollection.json"), {
      environment: { Protocol: "http", Server: new URL(url).hostname, Port: `:${port}`, Api: new URL(dir.baseUrl).pathname.slice(1), token: dir.token },
      adapt: (folder, name) =>
        folder === "Get Token" && name === "Get Token"
          ? { skip: "the reference server's own token endpoint; the directory's bearer token is used" }
          : undefined,
    });
    const ran = results.filter((r) => !r.skipped);
    expect(results.filter((r) => r.skipped).map((r) => r.name)).toEqual(["Get Token"]);
    for (const r of ran) expect(r.failures, `${r.folder} / ${r.name}: ${r.method} ${r.url} → ${r.status}`).toEqual([]);
    expect(ran.length).toBeGreaterThan(60);
    expect(ran.reduce((n, r) => n + r.passed.length, 0)).toBeGreaterThan(80);
  });

  it("passes every request of 'SCIM Inbound' that has a target", async () => {
    const dir = await t.newDirectory("entra");
    const notDefined = "uses {{Server}}{{Port}}/{{Api}} and {{id1}}, which this collection never defines";
    const results = await runPostmanCollection(load<PostmanCollection>("azuread-scimreferencecode/SCIM Inbound.postman_collection.json"), {
      environment: { token: dir.token },
      adapt: (_folder, name) => {
        if (name === "Get Token") return { skip: "Entra ID token request to login.microsoftonline.com; the directory's bearer token is used" };
        if (name === "DeltaSync 2" || name === "Delete User 5") return { skip: notDefined };
        return { url: (u) => u.replace(/^https:\/\/[^/]+\/scim/, dir.baseUrl) };
      },
    });
    expect(results.filter((r) => r.skipped).map((r) => r.name)).toEqual(["Get Token", "DeltaSync 2", "Delete User 5"]);
    const ran = results.filter((r) => !r.skipped);
    expect(ran).toHaveLength(14);
    for (const r of ran) {
      expect(r.status, `${r.name}: ${r.method} ${r.url}`).toBeLessThan(400);
      expect(r.failures, `${r.name}: ${r.method} ${r.url} → ${r.status}`).toEqual([]);
    }
    const users = await dir.scim("GET", "/Users");
    expect(users.body.totalResults).toBe(4);
    const manager = users.body.Resources.find((u: { userType?: string; active: boolean }) => u.userType === "Contractor");
    expect(manager["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"].manager.value).toMatch(/^directory_user_/);
  });
});
