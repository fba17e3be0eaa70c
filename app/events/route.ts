import { apiRoute } from "@/server/api/route";
import { csvParam, listBody, listQuery } from "@/server/api/wire-input";
import { listEvents } from "@/server/services/events/list";

export const GET = apiRoute(async ({ ctx, url }) => ({
  body: listBody(
    await listEvents(ctx, {
      ...listQuery(url),
      // Missing `events` reaches the service's schema, which names it.
      events: csvParam(url, "events") ?? (undefined as unknown as string[]),
      organizationId: url.searchParams.get("organization_id") ?? undefined,
      rangeStart: url.searchParams.get("range_start") ?? undefined,
      rangeEnd: url.searchParams.get("range_end") ?? undefined,
    }),
  ),
}));
