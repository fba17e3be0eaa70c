CREATE TABLE "directories" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"state" text DEFAULT 'unlinked' NOT NULL,
	"external_key" text NOT NULL,
	"token_hash" text NOT NULL,
	"failed_auth_count" integer DEFAULT 0 NOT NULL,
	"attribute_map" jsonb NOT NULL,
	"group_filter" jsonb,
	"activated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_group_members" (
	"organization_id" text NOT NULL,
	"directory_id" text NOT NULL,
	"group_id" text NOT NULL,
	"user_id" text NOT NULL,
	"display" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_group_members_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "directory_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"directory_id" text NOT NULL,
	"display_name" text NOT NULL,
	"external_id" text,
	"raw_attributes" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"directory_id" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"request_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_users" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"directory_id" text NOT NULL,
	"user_name" text NOT NULL,
	"external_id" text,
	"email" text,
	"first_name" text,
	"last_name" text,
	"active" boolean DEFAULT true NOT NULL,
	"raw_attributes" jsonb NOT NULL,
	"custom_attributes" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directories" ADD CONSTRAINT "directories_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_group_members" ADD CONSTRAINT "directory_group_members_group_id_directory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."directory_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_group_members" ADD CONSTRAINT "directory_group_members_user_id_directory_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."directory_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_groups" ADD CONSTRAINT "directory_groups_directory_id_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."directories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_requests" ADD CONSTRAINT "directory_requests_directory_id_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."directories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_users" ADD CONSTRAINT "directory_users_directory_id_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."directories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directories_organization_id_id_idx" ON "directories" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "directory_group_members_organization_id_idx" ON "directory_group_members" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "directory_group_members_directory_id_user_id_idx" ON "directory_group_members" USING btree ("directory_id","user_id");--> statement-breakpoint
CREATE INDEX "directory_groups_organization_id_id_idx" ON "directory_groups" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "directory_groups_directory_id_id_idx" ON "directory_groups" USING btree ("directory_id","id");--> statement-breakpoint
CREATE INDEX "directory_groups_directory_id_display_name_idx" ON "directory_groups" USING btree ("directory_id",lower("display_name"));--> statement-breakpoint
CREATE INDEX "directory_requests_organization_id_idx" ON "directory_requests" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "directory_requests_directory_id_created_at_idx" ON "directory_requests" USING btree ("directory_id","created_at");--> statement-breakpoint
CREATE INDEX "directory_users_organization_id_id_idx" ON "directory_users" USING btree ("organization_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_users_directory_id_user_name_idx" ON "directory_users" USING btree ("directory_id",lower("user_name"));--> statement-breakpoint
CREATE INDEX "directory_users_directory_id_id_idx" ON "directory_users" USING btree ("directory_id","id");--> statement-breakpoint
CREATE INDEX "directory_users_directory_id_external_id_idx" ON "directory_users" USING btree ("directory_id","external_id");--> statement-breakpoint
CREATE INDEX "directory_users_directory_id_updated_at_idx" ON "directory_users" USING btree ("directory_id","updated_at");