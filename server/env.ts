import { isIP } from "node:net";
import { z } from "zod";

/** `10.0.0.1`, `2001:db8::1`, `10.0.0.0/8` or `2001:db8::/32`; the prefix fits the address family. */
function isAddressOrCidr(entry: string): boolean {
  const [address = "", prefix, extra] = entry.split("/");
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * The one place that reads process.env. Everything else asks `env()`.
 * Parsed lazily so tests (and the CLI) can set variables before first use.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  /** Connections each instance opens to Postgres at most; N instances need N x this below max_connections. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  BOOTSTRAP_OWNER_EMAIL: z.email().optional(),
  BOOTSTRAP_OWNER_PASSWORD: z.string().min(12, "BOOTSTRAP_OWNER_PASSWORD must be at least 12 characters").optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Portico <no-reply@localhost>"),
  /** 32 bytes, base64 or hex: encrypts secrets Portico must read back (SP private keys). */
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, "base64").length === 32, "ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64")
    .optional(),
  /** Lets metadata URLs (and other outgoing calls) reach loopback and private addresses: for tests and labs only. */
  OUTBOUND_ALLOW_PRIVATE_ADDRESSES: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** Resolvers for domain verification, as `Resolver.setServers` takes them: `127.0.0.1:5353,1.1.1.1`. */
  DNS_SERVERS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ),
  DNS_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(3000),
  DOMAIN_RECHECK_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  JOB_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /**
   * Test-only: multiplies every webhook retry delay and the 3-day give-up window (0.0001 turns a minute
   * into 6 ms), so the retry schedule can be exercised in seconds. 1 in production.
   */
  WEBHOOK_RETRY_SCALE: z.coerce.number().positive("WEBHOOK_RETRY_SCALE must be a positive number").max(1, "WEBHOOK_RETRY_SCALE is at most 1").default(1),
  /**
   * Labs and tests only: where Datadog log streams send instead of their site's logs intake, so a
   * loopback receiver can stand in for Datadog.
   */
  LOG_STREAM_DATADOG_URL: z.string().url("LOG_STREAM_DATADOG_URL must be a URL").optional(),
  /**
   * Tests and air-gapped installations only: the discovery document `provider=GoogleOAuth` and
   * `provider=MicrosoftOAuth` sign-ins read instead of Google's and Microsoft's own
   * (https://accounts.google.com/.well-known/openid-configuration and the `common` v2.0 endpoint's).
   */
  PORTICO_GOOGLE_OAUTH_DISCOVERY_URL: z.url("PORTICO_GOOGLE_OAUTH_DISCOVERY_URL must be a URL").optional(),
  PORTICO_MICROSOFT_OAUTH_DISCOVERY_URL: z.url("PORTICO_MICROSOFT_OAUTH_DISCOVERY_URL must be a URL").optional(),
  /**
   * How long a log stream's partial batch waits for more events (a full one goes at once), and how often an
   * idle stream looks for new events besides the announcement each committed API event sends.
   */
  LOG_STREAM_BATCH_WINDOW_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /**
   * How long an instance holds a log stream it is delivering. An instance that dies (`kill -9`, a lost
   * machine) keeps its streams this long; then another instance sends their unacknowledged batch again.
   */
  LOG_STREAM_LEASE_MS: z.coerce.number().int().min(20_000).max(3_600_000).default(120_000),
  /** Requests per minute per API key on the REST API. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  /**
   * Reverse proxies whose X-Forwarded-For is believed: comma-separated IPs and CIDRs. Unset, the
   * client address is the socket's, since any client can write the header.
   */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .refine((entries) => entries.every(isAddressOrCidr), "TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges (10.0.0.0/8)"),
  /** SAML responses per minute one client address may post to the ACS. */
  ACS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** `pretty` for people at a terminal; JSON lines otherwise. */
  LOG_FORMAT: z.enum(["json", "pretty"]).default("json"),
  /** Serves GET /metrics to callers presenting it as a bearer token; unset, /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  /** How long a SIGTERM waits for in-flight requests and the running job before exiting anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  /** Worker processes `npm start` runs with Postgres, sharing the port; unset, one per core. Always 1 with the embedded database. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  /**
   * Set by the edge server on the worker processes it forks: `first` runs the once-per-start steps (the
   * first sign-in, the recurring jobs' schedule), `more` only serves and polls jobs.
   */
  PORTICO_WORKER: z.enum(["first", "more"]).optional(),
  NEXT_RUNTIME: z.string().optional(),
});

type Env = z.infer<typeof schema> & { publicUrl: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const value = parsed.data;
  const publicUrl = (value.PUBLIC_URL ?? `http://localhost:${value.PORT}`).replace(/\/+$/, "");
  cached = { ...value, publicUrl };
  return cached;
}

/** Tests and the CLI change variables between runs in one process. */
export function resetEnvForTests(): void {
  cached = undefined;
}

export function isDevelopment(): boolean {
  return env().NODE_ENV !== "production";
}
