CREATE TABLE "polis_import_items" (
	"kind" text NOT NULL,
	"source_key" text NOT NULL,
	"organization_id" text NOT NULL,
	"target_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "polis_import_items_pk" PRIMARY KEY("kind","source_key")
);
--> statement-breakpoint
CREATE TABLE "polis_import_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"url" text NOT NULL,
	"products" jsonb NOT NULL,
	"api_key" text,
	"total" integer DEFAULT 0 NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"error" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "sp_entity_id_override" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "acs_url_override" text;--> statement-breakpoint
ALTER TABLE "polis_import_items" ADD CONSTRAINT "polis_import_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "polis_import_items_organization_id_idx" ON "polis_import_items" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "connections_acs_url_override_idp_entity_id_idx" ON "connections" USING btree ("acs_url_override","idp_entity_id") WHERE "connections"."acs_url_override" is not null;