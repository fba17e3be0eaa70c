import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
  status: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface LogReceiver {
  /** `http://127.0.0.1:<port>` */
  url: string;
  received: ReceivedRequest[];
  /**
   * Chooses the answer to each request (200 `{"ok":true}` by default). A promise holds the answer back
   * until it settles: the request counts as received (status 0) while the sender waits.
   */
  respond: (handler: (request: ReceivedRequest, index: number) => Answer | Promise<Answer>) => void;
  close: () => Promise<void>;
}

/** A plain HTTP receiver on loopback that records each request as the bytes arrived and answers as told. */
export async function startLogReceiver(): Promise<LogReceiver> {
  const received: ReceivedRequest[] = [];
  let handler: (request: ReceivedRequest, index: number) => Answer | Promise<Answer> = () => ({ status: 200 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry: ReceivedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        receivedAt: Date.now(),
        status: 0,
      };
      const answered = handler(entry, received.length);
      received.push(entry);
      const reply = (answer: Answer) => {
        entry.status = answer.status;
        if (res.destroyed) return;
        res.writeHead(answer.status, { "Content-Type": "application/json", ...answer.headers }).end(answer.body ?? JSON.stringify({ ok: answer.status < 300 }));
      };
      if (answered instanceof Promise) void answered.then(reply);
      else reply(answered);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respond: (h) => {
      handler = h;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
