import { apiRoute } from "@/server/api/route";
import { csvParam, listBody, listQuery } from "@/server/api/wire-input";
import { ValidationError } from "@/server/errors";
import { listEventsJson } from "@/server/services/events/list";
import { jsonText } from "@/server/wire/json-text";

export const GET = apiRoute(async ({ ctx, url }) => {
  // Node sends `events` repeated, Python and the OpenAPI form comma-joined, some clients `events[]`.
  const names = [...(csvParam(url, "events") ?? []), ...(csvParam(url, "events[]") ?? [])];
  if (names.length === 0) throw new ValidationError([{ field: "events", code: "events_required", message: "is required: name at least one event type" }]);
  return {
    body: jsonText(
      listBody(
        await listEventsJson(ctx, {
          ...listQuery(url),
          events: names,
          organizationId: url.searchParams.get("organization_id") ?? undefined,
          rangeStart: url.searchParams.get("range_start") ?? undefined,
          rangeEnd: url.searchParams.get("range_end") ?? undefined,
        }),
      ),
    ),
  };
});
