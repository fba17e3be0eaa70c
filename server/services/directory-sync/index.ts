export { createDirectory, listDirectories, getDirectory, deleteDirectory, scimBaseUrl } from "./directories";
export { rotateDirectoryToken, resetDirectory } from "./credentials";
export { listDirectoryUsers, listDirectoryUsersJson, getDirectoryUser } from "./api-users";
export { listDirectoryGroups, getDirectoryGroup } from "./api-groups";
export { updateAttributeMap, updateGroupFilter, getDirectoryOverview, listGroupChoices } from "./settings";
export { listDirectoryRequests, flushScimRequestLog } from "./request-log";
export { listDirectorySummaries } from "./summaries";
export { listGroupSummaries, getGroupWithMembers } from "./group-members";
