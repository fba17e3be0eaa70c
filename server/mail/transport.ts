import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/server/env";

let cached: { url: string; transporter: Transporter } | undefined;

/** The SMTP transport for SMTP_URL, or null when mail should stay in the dev outbox. */
export function smtpTransport(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (cached?.url !== url) {
    cached = {
      url,
      transporter: nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }),
    };
  }
  return cached.transporter;
}
