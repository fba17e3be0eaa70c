import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { generate } from "selfsigned";
import { testDataRoot } from "./paths";

export interface ReceivedWebhook {
  /** The request's path and query, to tell endpoints on this one receiver apart. */
  path: string;
  body: string;
  headers: IncomingHttpHeaders;
  receivedAt: number;
  /** What the receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  /** `https://localhost:<port>/hook` */
  url: string;
  /** The receiver's certificate file: pass it to the server as NODE_EXTRA_CA_CERTS so it trusts this receiver. */
  caFile: string;
  received: ReceivedWebhook[];
  /** Chooses the answer to each request (200 by default). */
  respond: (handler: (request: ReceivedWebhook, index: number) => number) => void;
  /** Waits until `count` requests satisfy `predicate`. */
  waitFor: (predicate: (r: ReceivedWebhook) => boolean, count?: number, timeoutMs?: number) => Promise<ReceivedWebhook[]>;
  close: () => Promise<void>;
}

/**
 * A real HTTPS webhook receiver on loopback, as an integrator runs one: its own certificate (which the
 * server under test is told to trust), and it records every request exactly as the bytes arrived.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "keyUsage", keyCertSign: true, digitalSignature: true, keyEncipherment: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  mkdirSync(testDataRoot, { recursive: true });
  const dir = mkdtempSync(path.join(testDataRoot, "receiver-"));
  const caFile = path.join(dir, "receiver-ca.pem");
  writeFileSync(caFile, pems.cert);
  const received: ReceivedWebhook[] = [];
  let handler: (request: ReceivedWebhook, index: number) => number = () => 200;
  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry: ReceivedWebhook = {
        path: req.url ?? "",
        body: Buffer.concat(chunks).toString("utf8"),
        headers: req.headers,
        receivedAt: Date.now(),
        status: 200,
      };
      entry.status = handler(entry, received.length);
      received.push(entry);
      res.writeHead(entry.status, { "Content-Type": "text/plain" }).end(entry.status < 300 ? "ok" : "not now");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://localhost:${port}/hook`,
    caFile,
    received,
    respond: (h) => {
      handler = h;
    },
    waitFor: async (predicate, count = 1, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = received.filter(predicate);
        if (matching.length >= count) return matching;
        if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${count} webhook(s); got ${matching.length} (of ${received.length} received)`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
