CREATE TABLE "audit_log_events" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"action" text NOT NULL,
	"version" integer,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text,
	"actor_type" text NOT NULL,
	"actor" jsonb NOT NULL,
	"targets" jsonb NOT NULL,
	"search_text" text NOT NULL,
	"location" text NOT NULL,
	"user_agent" text,
	"metadata" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log_exports" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"filters" jsonb NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"row_count" integer,
	"columns" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log_schemas" (
	"action" text NOT NULL,
	"version" integer NOT NULL,
	"schema" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_log_schemas_pkey" PRIMARY KEY("action","version")
);
--> statement-breakpoint
CREATE TABLE "audit_log_settings" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"retention_period_in_days" integer DEFAULT 365 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log_events" ADD CONSTRAINT "audit_log_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log_exports" ADD CONSTRAINT "audit_log_exports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log_settings" ADD CONSTRAINT "audit_log_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_events_organization_id_occurred_at_id_idx" ON "audit_log_events" USING btree ("organization_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_events_organization_id_action_occurred_at_idx" ON "audit_log_events" USING btree ("organization_id","action","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_events_organization_id_actor_id_occurred_at_idx" ON "audit_log_events" USING btree ("organization_id","actor_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_exports_organization_id_created_at_idx" ON "audit_log_exports" USING btree ("organization_id","created_at");