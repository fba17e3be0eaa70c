import type { RouterOutputs } from "@/components/providers/trpc-provider";

/** The portal and the dashboard read the same service, so one shape serves both. */
export type DirectoryOverview = RouterOutputs["directories"]["overview"];
export type DirectorySummary = RouterOutputs["directories"]["list"][number];
export type DirectoryUser = RouterOutputs["directories"]["user"];
