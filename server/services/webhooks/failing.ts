import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { staff, webhookEndpoints } from "@/db/schema";
import { env } from "@/server/env";
import { escapeHtml } from "@/server/mail/html";
import { sendMail } from "@/server/services/mail";

/**
 * An endpoint that has failed every delivery for the whole retry window is switched off (WorkOS does
 * the same), and the owners and admins are told by email. Only the instance that flips the status
 * sends the mail.
 */
export async function disableFailingEndpoint(db: Db, endpointId: string, now: Date): Promise<void> {
  const [disabled] = await db
    .update(webhookEndpoints)
    .set({ status: "disabled", disabledReason: "failing", updatedAt: now })
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.status, "enabled")))
    .returning();
  if (!disabled) return;
  const recipients = await db
    .select({ email: staff.email })
    .from(staff)
    .where(inArray(staff.role, ["owner", "admin"]));
  const page = `${env().publicUrl}/dashboard/webhooks`;
  const text = [
    `Portico disabled the webhook endpoint ${disabled.endpointUrl}: every delivery to it has failed for the last three days.`,
    ``,
    `Fix the receiver, then enable the endpoint again on the Webhooks page: ${page}`,
    `Events sent while it was failing can be resent from the same page.`,
  ].join("\n");
  const html = `<p>Portico disabled the webhook endpoint <code>${escapeHtml(disabled.endpointUrl)}</code>: every delivery to it has failed for the last three days.</p><p>Fix the receiver, then enable the endpoint again on the <a href="${escapeHtml(page)}">Webhooks page</a>. Events sent while it was failing can be resent from there.</p>`;
  for (const { email } of recipients) {
    await sendMail(db, { to: email, subject: "A webhook endpoint was disabled after failing for 3 days", text, html }).catch((error: Error) => {
      console.error(`[webhooks] could not email ${email}: ${error.message}`);
    });
  }
}
