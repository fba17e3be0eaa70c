import { createConnection, createServer, type Socket } from "node:net";

/**
 * A loopback TCP proxy in front of a real server (Postgres), which a test can cut: while cut, open
 * connections are dropped and new ones are accepted but never answered, as with a database host that
 * went away behind a firewall. `restore` forwards again.
 */
export interface TcpProxy {
  port: number;
  cut: () => void;
  restore: () => void;
  close: () => Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let cut = false;
  const open = new Set<Socket>();
  const held = new Set<Socket>();
  const server = createServer((client) => {
    client.on("error", () => {});
    if (cut) {
      held.add(client);
      client.on("close", () => held.delete(client));
      return;
    }
    const upstream = createConnection(target);
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream).pipe(client);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const dropAll = (sockets: Set<Socket>) => {
    for (const socket of [...sockets]) socket.destroy();
  };
  return {
    port: (server.address() as { port: number }).port,
    cut: () => {
      cut = true;
      dropAll(open);
    },
    restore: () => {
      cut = false;
      // Connections made while cut never got an answer: end them so the client opens fresh ones.
      dropAll(held);
    },
    close: async () => {
      dropAll(open);
      dropAll(held);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
