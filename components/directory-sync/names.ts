import type { DirectoryUser } from "./types";

/** "First Last", else the email, else the userName the identity provider sent. */
export function displayName(user: Pick<DirectoryUser, "first_name" | "last_name" | "email" | "raw_attributes" | "id">): string {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return name || user.email || String(user.raw_attributes.userName ?? user.id);
}
