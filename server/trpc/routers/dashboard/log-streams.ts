import { deleteLogStream, getExternalId, getLogStream, saveLogStream, setLogStreamPaused, testLogStream } from "@/server/services/log-streams";
import { editorProcedure, router, staffProcedure } from "@/server/trpc/init";
import { organizationInput, pausedInput, saveInput, streamInput } from "../log-stream-inputs";

/** Staff see every organization's stream; admins and owners change it. */
export const logStreamsRouter = router({
  get: staffProcedure.input(organizationInput).query(({ ctx, input }) => getLogStream(ctx.service, input)),
  externalId: staffProcedure.input(organizationInput).query(({ ctx, input }) => getExternalId(ctx.service, input)),
  test: editorProcedure.input(streamInput.extend(organizationInput.shape)).mutation(({ ctx, input }) => testLogStream(ctx.service, input)),
  save: editorProcedure.input(saveInput.extend(organizationInput.shape)).mutation(({ ctx, input }) => saveLogStream(ctx.service, input)),
  setPaused: editorProcedure.input(pausedInput.extend(organizationInput.shape)).mutation(({ ctx, input }) => setLogStreamPaused(ctx.service, input)),
  delete: editorProcedure.input(organizationInput).mutation(({ ctx, input }) => deleteLogStream(ctx.service, input)),
});
