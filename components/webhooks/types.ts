import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;
export type Endpoint = Outputs["webhooks"]["list"][number];
export type Delivery = Outputs["webhooks"]["deliveries"]["deliveries"][number];
