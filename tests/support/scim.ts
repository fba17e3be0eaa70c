import { expect } from "vitest";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "./server";

export interface ScimResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: SCIM JSON, asserted field by field
  body: any;
  headers: Headers;
}

export type ScimClient = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ScimResponse>;

/** A SCIM client as an IdP is one: the base URL and bearer token the portal shows, nothing else. */
export function scimClient(baseUrl: string, token: string): ScimClient {
  return async (method, path, body, headers = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json", Accept: "application/scim+json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  };
}

export interface ScimTestServer {
  server: RunningServer;
  apiKey: string;
  api: (method: string, path: string, body?: unknown) => Promise<ScimResponse>;
  newDirectory: (type?: string, organizationId?: string) => Promise<TestDirectory>;
}

export interface TestDirectory {
  id: string;
  organizationId: string;
  baseUrl: string;
  token: string;
  scim: ScimClient;
}

/** The built server with an API key, and a way to make organizations with directories through the API. */
export async function startScimTestServer(): Promise<ScimTestServer> {
  const database = await freshDatabaseEnv();
  const created = runCli(["create-api-key", "--name", "scim-tests"], database.env);
  expect(created.status, created.stderr).toBe(0);
  const apiKey = created.stdout.trim();
  const server = await startServer({ database });
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  };
  let orgCount = 0;
  const newDirectory = async (type = "generic", organizationId?: string) => {
    const orgId = organizationId ?? (await api("POST", "/organizations", { name: `SCIM Org ${++orgCount}` })).body.id;
    const created = await api("POST", "/directories", { organization_id: orgId, type });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return {
      id: created.body.id as string,
      organizationId: orgId as string,
      baseUrl: created.body.scim_base_url as string,
      token: created.body.bearer_token as string,
      scim: scimClient(created.body.scim_base_url, created.body.bearer_token),
    };
  };
  return { server, apiKey, api, newDirectory };
}
