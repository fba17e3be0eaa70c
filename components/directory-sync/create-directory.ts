import { serverProblem } from "@/components/forms/server-errors";
import { createPorticoTRPCClient } from "@/components/providers/trpc-client";
import type { RouterOutputs } from "@/components/providers/trpc-provider";

export type CreatedDirectory = RouterOutputs["portal"]["directorySync"]["create"];

/** Creates the portal organization's directory for this provider: the directory with its one-time token, or why not. */
export async function createDirectory(type: string): Promise<{ created: CreatedDirectory } | { error: string }> {
  try {
    return { created: await createPorticoTRPCClient().portal.directorySync.create.mutate({ type }) };
  } catch (problem) {
    return { error: serverProblem(problem).message };
  }
}
