import { createServer } from "node:http";
import { idpMetadataXml, type KeyPair } from "./saml-idp";

/**
 * An IdP's metadata URL on loopback whose certificates a test changes between fetches (a rollover:
 * old only, old and new, new only), counting the fetches; `failing` makes it answer HTTP 500.
 */
export interface MetadataServer {
  url: string;
  entityId: string;
  certificates: KeyPair[];
  failing: boolean;
  fetches: number;
  close: () => Promise<void>;
}

export async function startMetadataServer(certificates: KeyPair[]): Promise<MetadataServer> {
  const state = { certificates, failing: false, fetches: 0 } as MetadataServer;
  const server = createServer((_req, res) => {
    state.fetches++;
    if (state.failing) {
      res.writeHead(500).end("down for maintenance");
      return;
    }
    res.writeHead(200, { "Content-Type": "application/samlmetadata+xml" });
    res.end(
      idpMetadataXml({
        entityId: state.entityId,
        ssoUrl: `${state.url.replace(/\/metadata$/, "")}/sso`,
        certificates: state.certificates.map((k) => k.certificate),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  state.url = `http://127.0.0.1:${port}/metadata`;
  state.entityId = `http://127.0.0.1:${port}/idp`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
