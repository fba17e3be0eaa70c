import { apiRoute } from "@/server/api/route";
import { verifyDomainNow } from "@/server/services/domains";

/** Checks DNS synchronously and answers with the domain's new state and what the lookup found. */
export const POST = apiRoute<{ id: string }>(async ({ ctx, params }) => ({ body: await verifyDomainNow(ctx, params.id) }));
