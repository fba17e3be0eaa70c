import type { NextConfig } from "next";

const development = process.env.NODE_ENV !== "production";

// Next.js inlines its bootstrap scripts, so scripts need 'unsafe-inline'; dev adds 'unsafe-eval' for fast refresh.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join("; ");

const nextConfig: NextConfig = {
  // PGlite resolves its WASM files from its own package path; bundling it breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  // Type errors fail `npm test` and `npm run typecheck`; the build that `npm start` waits for skips that pass.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  async headers() {
    const common = [
      { key: "X-Frame-Options", value: "DENY" },
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ];
    return [
      // Everything but the SSO endpoints gets the app's CSP. Those set their own: the page that posts a
      // signed AuthnRequest must be allowed to submit its form to that one IdP (server/api/sso-http.ts).
      { source: "/((?!sso/).*)", headers: [{ key: "Content-Security-Policy", value: contentSecurityPolicy }, ...common] },
      { source: "/sso/:path*", headers: common },
    ];
  },
};

export default nextConfig;
