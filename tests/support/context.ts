import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { staff, type StaffRole } from "@/db/schema";
import { newId } from "@/server/ids";
import type { ServiceContext } from "@/server/services/context";

/** A real staff member of the given role (a row in `staff`) and a service context acting as them. */
export async function asStaff(db: Db, role: StaffRole): Promise<ServiceContext & { actor: { type: "staff"; staffId: string } }> {
  const id = newId("user");
  const email = `${role}-${randomBytes(4).toString("hex")}@vendor.example.com`;
  await db.insert(staff).values({ id, email, role, passwordHash: "$argon2id$unused" });
  return { db, actor: { type: "staff", staffId: id, role, email } };
}

export function apiContext(db: Db, apiKeyId = "key_test"): ServiceContext {
  return { db, actor: { type: "apiKey", apiKeyId } };
}
