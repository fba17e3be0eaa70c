CREATE TABLE "connections" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"connection_type" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"idp_entity_id" text,
	"idp_sso_url" text,
	"idp_sso_binding" text DEFAULT 'redirect' NOT NULL,
	"metadata_source" text,
	"metadata_url" text,
	"metadata_xml" text,
	"attribute_mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"allow_idp_initiated" boolean DEFAULT false NOT NULL,
	"allow_sha1" boolean DEFAULT false NOT NULL,
	"allow_unsigned_assertion" boolean DEFAULT false NOT NULL,
	"allow_rsa15" boolean DEFAULT false NOT NULL,
	"clock_skew_seconds" integer DEFAULT 180 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idp_certificates" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"pem" text NOT NULL,
	"fingerprint_sha256" text NOT NULL,
	"subject" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saml_replay_cache" (
	"organization_id" text NOT NULL,
	"assertion_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saml_replay_cache_pk" PRIMARY KEY("organization_id","assertion_id")
);
--> statement-breakpoint
CREATE TABLE "sso_access_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"session_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sso_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"session_id" text NOT NULL,
	"code_challenge" text,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sso_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'started' NOT NULL,
	"request_id" text,
	"request_xml" text,
	"request_expires_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"redirect_uri" text,
	"client_state" text,
	"code_challenge" text,
	"response_xml" text,
	"profile" jsonb,
	"user_email" text,
	"error_code" text,
	"error_explanation" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idp_certificates" ADD CONSTRAINT "idp_certificates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idp_certificates" ADD CONSTRAINT "idp_certificates_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saml_replay_cache" ADD CONSTRAINT "saml_replay_cache_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_access_tokens" ADD CONSTRAINT "sso_access_tokens_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_access_tokens" ADD CONSTRAINT "sso_access_tokens_session_id_sso_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sso_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_codes" ADD CONSTRAINT "sso_codes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_codes" ADD CONSTRAINT "sso_codes_session_id_sso_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sso_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_sessions" ADD CONSTRAINT "sso_sessions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_sessions" ADD CONSTRAINT "sso_sessions_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connections_organization_id_idx" ON "connections" USING btree ("organization_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "idp_certificates_organization_id_connection_id_fingerprint_idx" ON "idp_certificates" USING btree ("organization_id","connection_id","fingerprint_sha256");--> statement-breakpoint
CREATE INDEX "saml_replay_cache_expires_at_idx" ON "saml_replay_cache" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sso_access_tokens_organization_id_idx" ON "sso_access_tokens" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "sso_codes_organization_id_idx" ON "sso_codes" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "sso_sessions_organization_id_connection_id_created_at_idx" ON "sso_sessions" USING btree ("organization_id","connection_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sso_sessions_request_id_idx" ON "sso_sessions" USING btree ("request_id");