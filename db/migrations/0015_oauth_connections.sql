CREATE TABLE "oauth_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"client_id" text,
	"client_secret" text,
	"client_secret_hint" text,
	"enabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oauth_connections_provider_idx" UNIQUE("provider")
);
--> statement-breakpoint
ALTER TABLE "sso_access_tokens" ALTER COLUMN "organization_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sso_codes" ALTER COLUMN "organization_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sso_sessions" ALTER COLUMN "organization_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sso_sessions" ALTER COLUMN "connection_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sso_sessions" ADD COLUMN "oauth_connection_id" text;--> statement-breakpoint
ALTER TABLE "sso_sessions" ADD CONSTRAINT "sso_sessions_oauth_connection_id_oauth_connections_id_fk" FOREIGN KEY ("oauth_connection_id") REFERENCES "public"."oauth_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sso_sessions_oauth_connection_id_created_at_idx" ON "sso_sessions" USING btree ("oauth_connection_id","created_at") WHERE "sso_sessions"."oauth_connection_id" is not null;--> statement-breakpoint
ALTER TABLE "sso_sessions" ADD CONSTRAINT "sso_sessions_one_connection" CHECK (("sso_sessions"."connection_id" is null) <> ("sso_sessions"."oauth_connection_id" is null));