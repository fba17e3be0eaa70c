CREATE TABLE "log_stream_daily_counts" (
	"stream_id" text NOT NULL,
	"day" date NOT NULL,
	"delivered" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "log_stream_daily_counts_pkey" PRIMARY KEY("stream_id","day")
);
--> statement-breakpoint
CREATE TABLE "log_stream_failures" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"stream_id" text NOT NULL,
	"status_code" integer,
	"error" text NOT NULL,
	"response_body" text,
	"events" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_streams" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"kind" text NOT NULL,
	"settings" jsonb NOT NULL,
	"credentials_encrypted" text NOT NULL,
	"credential_hint" text NOT NULL,
	"external_id" text NOT NULL,
	"state" text NOT NULL,
	"state_reason" text,
	"cursor_tx" "xid8" NOT NULL,
	"cursor_seq" bigint DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_token" text,
	"lease_until" timestamp with time zone,
	"last_synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "log_streams_organization_id_key" UNIQUE("organization_id")
);
--> statement-breakpoint
ALTER TABLE "audit_log_events" ADD COLUMN "tx_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log_events" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "log_stream_daily_counts" ADD CONSTRAINT "log_stream_daily_counts_stream_id_log_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."log_streams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_stream_failures" ADD CONSTRAINT "log_stream_failures_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_stream_failures" ADD CONSTRAINT "log_stream_failures_stream_id_log_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."log_streams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_streams" ADD CONSTRAINT "log_streams_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "log_stream_failures_organization_id_stream_id_created_at_idx" ON "log_stream_failures" USING btree ("organization_id","stream_id","created_at");--> statement-breakpoint
CREATE INDEX "log_streams_state_next_attempt_at_idx" ON "log_streams" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "audit_log_events_organization_id_tx_id_seq_idx" ON "audit_log_events" USING btree ("organization_id","tx_id","seq");