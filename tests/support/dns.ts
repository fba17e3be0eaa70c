import dns2 from "dns2";

const { Packet } = dns2;

/** What the test DNS server answers for a name: TXT values, NXDOMAIN, or nothing at all (a timeout). */
export type DnsAnswer = string[] | "nxdomain" | "silent";

/**
 * A real DNS server on loopback (UDP) serving TXT records from a map the test can change while it runs.
 * Names not in the map exist but have no TXT record (NODATA).
 */
export async function startDnsServer(records: Map<string, DnsAnswer> = new Map()) {
  const server = dns2.createServer({
    udp: true,
    handle(request, send) {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = (question?.name ?? "").toLowerCase();
      const answer = records.get(name);
      if (answer === "silent") return;
      if (answer === "nxdomain") response.header.rcode = Packet.RCODE.NXDOMAIN;
      else if (answer && question?.type === Packet.TYPE.TXT) {
        // The encoder takes plain records; its type only describes decoded ones.
        for (const value of answer)
          response.answers.push({ name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 1, data: value } as unknown as (typeof response.answers)[number]);
      }
      send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  const port = addresses.udp!.port;
  return { server: `127.0.0.1:${port}`, records, stop: () => server.close() };
}
