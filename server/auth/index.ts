import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { RateLimitedError } from "@/server/errors";
import { clientAddress } from "@/server/http/client-address";
import { getAuthSecret } from "@/server/services/settings/installation";
import { verifyStaffCredentials } from "@/server/services/staff";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

// Lazy configuration: the signing secret may live in the database (generated on first start).
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    secret: await getAuthSecret(db),
    trustHost: true,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    // A wrong password is an expected outcome, not a server error: keep the log quiet.
    logger: {
      error(error) {
        if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
        console.error(`[auth] ${error.name}: ${error.message}`);
      },
      warn() {},
    },
    providers: [
      Credentials({
        credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          if (!email || !password) throw new InvalidCredentials();
          try {
            const member = await verifyStaffCredentials(db, { email, password, ip: request ? clientAddress(request.headers) : "unknown" });
            if (!member) throw new InvalidCredentials();
            return { id: member.id, email: member.email, name: member.name };
          } catch (error) {
            if (error instanceof RateLimitedError) throw new TooManyAttempts();
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
});
