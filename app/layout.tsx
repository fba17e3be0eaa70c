import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Portico", template: "%s · Portico" },
  description: "Self-hosted Admin Portal for enterprise SSO, Directory Sync and domain verification.",
};

// Every page is rendered per request: its scripts carry that request's CSP nonce (proxy.ts), which a
// page prerendered at build time could not, and pages that show sessions or secrets are never cached.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
