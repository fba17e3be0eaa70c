import { z } from "zod";

const names = z.array(z.string().min(1).max(256)).max(50).optional();

/** The viewer's filters, shared by the dashboard's and the portal's procedures. */
export const viewerFilters = z.object({
  rangeStart: z.string().max(40).optional(),
  rangeEnd: z.string().max(40).optional(),
  actions: names,
  actorIds: names,
  actorNames: names,
  targets: names,
  search: z.string().max(200).optional(),
});
export const viewerList = viewerFilters.extend({ cursor: z.string().max(300).optional(), limit: z.number().int().min(1).max(100).optional() });
export const eventId = z.object({ id: z.string().min(1).max(100) });
