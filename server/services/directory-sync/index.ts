export { createDirectory, listDirectories, getDirectory, deleteDirectory, scimBaseUrl, type CreatedDirectory } from "./directories";
export { rotateDirectoryToken, resetDirectory, type IssuedToken } from "./credentials";
export { listDirectoryUsers, getDirectoryUser } from "./api-users";
export { listDirectoryGroups, getDirectoryGroup } from "./api-groups";
export { updateAttributeMap, updateGroupFilter, getDirectoryOverview, listGroupChoices } from "./settings";
export { listDirectoryRequests, directoryActivity, flushScimRequestLog } from "./request-log";
export { directoryTypeLabels } from "./schemas";
export { listDirectorySummaries, type DirectorySummary } from "./summaries";
export { listGroupSummaries, getGroupWithMembers, type GroupSummary, type GroupMember } from "./group-members";
