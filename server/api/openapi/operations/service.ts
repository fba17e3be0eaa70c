import { z } from "zod";
import { exampleIds } from "../examples";
import { registerOperation } from "../registry";

const tag = "Service";

registerOperation({
  method: "get",
  path: "/openapi.json",
  route: "/openapi.json",
  operationId: "getOpenApiDocument",
  summary: "This document",
  description: "The OpenAPI 3.1 document of the API; `/docs/api` renders it.",
  tag,
  security: "none",
  responses: {
    200: { description: "The document.", schema: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) }) },
  },
  example: {},
});

registerOperation({
  method: "get",
  path: "/health",
  route: "/health",
  operationId: "health",
  summary: "Liveness",
  description: "The process answers. Touches nothing else.",
  tag,
  security: "none",
  responses: { 200: { description: "Alive.", schema: z.object({ status: z.literal("ok") }) } },
  example: {},
});

registerOperation({
  method: "get",
  path: "/ready",
  route: "/ready",
  operationId: "ready",
  summary: "Readiness",
  description: "200 when this instance should get traffic, else 503 naming the reason.",
  tag,
  security: "none",
  responses: {
    200: { description: "Ready.", schema: z.object({ status: z.literal("ready") }) },
    503: { description: "Not ready.", schema: z.object({ status: z.literal("unavailable"), reason: z.string(), message: z.string() }) },
  },
  example: {},
});

registerOperation({
  method: "get",
  path: "/sso/saml/{connectionId}/metadata",
  route: "/sso/saml/[connectionId]/metadata",
  operationId: "getSpMetadata",
  summary: "A SAML connection's SP metadata",
  description: "Public by design: the IdP reads Portico's entity id, ACS URL and signing certificate from it.",
  tag: "SSO",
  security: "none",
  pathParams: z.object({ connectionId: z.string() }),
  responses: {
    200: { description: "SAML 2.0 metadata.", contentType: "application/samlmetadata+xml" },
    404: { description: "No such connection (an HTML page).", contentType: "text/html" },
  },
  example: { path: { connectionId: exampleIds.connection } },
});
