import { z } from "zod";
import { staffRoles } from "@/db/schema";

export const emailSchema = z
  .string({ error: "email is required" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "enter a valid email address" }).max(254));

export const passwordSchema = z.string({ error: "password is required" }).min(12, "use at least 12 characters").max(200, "use at most 200 characters");

const nameSchema = z.string().trim().max(100, "name is at most 100 characters").default("");

export const roleSchema = z.enum(staffRoles, { error: "role must be owner, admin or viewer" });

export const inviteStaffSchema = z.object({ email: emailSchema, role: roleSchema });
export const acceptInvitationSchema = z.object({
  token: z.string().min(1).max(200),
  email: emailSchema.optional(),
  name: nameSchema,
  password: passwordSchema,
});
