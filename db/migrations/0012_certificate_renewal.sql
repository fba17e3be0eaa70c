CREATE TABLE "certificate_expiry_notices" (
	"scope" text NOT NULL,
	"fingerprint_sha256" text NOT NULL,
	"milestone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_expiry_notices_pk" PRIMARY KEY("scope","fingerprint_sha256","milestone")
);
--> statement-breakpoint
CREATE TABLE "connection_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"actor" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "metadata_fetched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "metadata_error" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "metadata_unknown_key_fetch_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "idp_certificates" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sso_sessions" ADD COLUMN "verified_by" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "connection_changes" ADD CONSTRAINT "connection_changes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_changes" ADD CONSTRAINT "connection_changes_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connection_changes_organization_id_connection_id_created_at_idx" ON "connection_changes" USING btree ("organization_id","connection_id","created_at");