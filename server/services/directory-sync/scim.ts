export { createScimUser, deleteScimUser, findScimUser, listScimUsers, patchScimUser, renderUsers, replaceScimUser } from "./scim-users";
export { createScimGroup, deleteScimGroup, findScimGroup, listScimGroups, patchScimGroup, renderGroups, replaceScimGroup } from "./scim-groups";
export { authenticateScim, markDirectorySynced, needsSyncMark, recentDirectory, StaleDirectoryError } from "./scim-auth";
export { logScimRequest, flushScimRequestLog } from "./request-log";
export type { ListQuery, ScimContext } from "./scim-common";
