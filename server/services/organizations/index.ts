export { listOrganizations } from "./list";
export { getOrganization, getOrganizationByExternalId } from "./get";
export { createOrganization } from "./create";
export { updateOrganization } from "./update";
export { deleteOrganization } from "./delete";
