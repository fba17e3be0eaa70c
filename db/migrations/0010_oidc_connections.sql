ALTER TABLE "connections" ADD COLUMN "oidc_discovery_url" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "oidc_issuer" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "oidc_authorization_url" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "oidc_token_url" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "oidc_jwks_url" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "oidc_userinfo_url" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "oidc_client_id" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "oidc_client_secret" text;--> statement-breakpoint
ALTER TABLE "sso_sessions" ADD COLUMN "oidc_nonce" text;--> statement-breakpoint
ALTER TABLE "sso_sessions" ADD COLUMN "oidc_code_verifier" text;