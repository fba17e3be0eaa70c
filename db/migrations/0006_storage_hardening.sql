ALTER TABLE "mail_messages" ADD COLUMN "portal_link_id" text;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "sealed_link" text;--> statement-breakpoint
ALTER TABLE "sso_sessions" ADD COLUMN "response_truncated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_portal_link_id_portal_links_id_fk" FOREIGN KEY ("portal_link_id") REFERENCES "public"."portal_links"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sso_sessions_created_at_idx" ON "sso_sessions" USING btree ("created_at");