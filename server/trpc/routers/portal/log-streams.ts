import { deleteLogStream, getExternalId, getLogStream, saveLogStream, setLogStreamPaused, testLogStream } from "@/server/services/log-streams";
import { intentProcedure, router } from "@/server/trpc/init";
import { pausedInput, saveInput, streamInput } from "../log-stream-inputs";

const logStreams = intentProcedure("log_streams");

/** The IT admin's log stream: always the portal session's organization, never one named in the input. */
export const portalLogStreamsRouter = router({
  get: logStreams.query(({ ctx }) => getLogStream(ctx.service)),
  externalId: logStreams.query(({ ctx }) => getExternalId(ctx.service)),
  test: logStreams.input(streamInput).mutation(({ ctx, input }) => testLogStream(ctx.service, input)),
  save: logStreams.input(saveInput).mutation(({ ctx, input }) => saveLogStream(ctx.service, input)),
  setPaused: logStreams.input(pausedInput).mutation(({ ctx, input }) => setLogStreamPaused(ctx.service, input)),
  delete: logStreams.mutation(({ ctx }) => deleteLogStream(ctx.service, {})),
});
