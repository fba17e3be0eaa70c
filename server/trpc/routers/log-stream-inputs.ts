import { z } from "zod";

/** The destination as the form sends it; the service validates it field by field. */
export const streamInput = z.object({ stream: z.record(z.string(), z.unknown()) });
export const saveInput = streamInput.extend({ acceptRefused: z.boolean().optional() });
export const pausedInput = z.object({ paused: z.boolean() });
export const organizationInput = z.object({ organizationId: z.string().min(1).max(100) });
