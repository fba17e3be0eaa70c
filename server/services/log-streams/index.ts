export { getLogStream, type LogStreamView } from "./view";
export { deleteLogStream, getExternalId, saveLogStream, setLogStreamPaused, testLogStream, type TestResult } from "./manage";
export { claimDueStreams, deliverClaimedStream } from "./worker";
