/** The roles as the dashboard offers them; the server's enum in db/schema stays the authority. */
export const roleOptions = [
  { value: "owner", label: "Owner", description: "Everything, including staff and access" },
  { value: "admin", label: "Admin", description: "Manage organizations and API keys" },
  { value: "viewer", label: "Viewer", description: "Read-only access" },
] as const;

export type Role = (typeof roleOptions)[number]["value"];
