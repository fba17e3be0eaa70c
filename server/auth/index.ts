import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { RateLimitedError } from "@/server/errors";
import { clientAddress } from "@/server/http/client-address";
import { textProblemOf } from "@/server/input-text";
import { getAuthSecret } from "@/server/services/settings/installation";
import { endStaffSession, resolveStaffSession, startStaffSession, STAFF_SESSION_MS, verifyStaffCredentials } from "@/server/services/staff";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

// Lazy configuration: the database opens on first use, not at import (the build imports this module).
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    secret: getAuthSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: STAFF_SESSION_MS / 1000 },
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
          // No account's email holds a NUL or a lone surrogate, and the database could not even look one up.
          if (!email || !password || textProblemOf(email)) throw new InvalidCredentials();
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
    // The JWT alone proves nothing: it carries a server-side session id (`sid`), checked on every
    // auth() (server components, route handlers, the tRPC context), so a session ended in the
    // database is refused at once even though its cookie is still validly signed.
    callbacks: {
      async jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.sid = await startStaffSession(db, user.id);
          return token;
        }
        const staffId = typeof token.sid === "string" ? await resolveStaffSession(db, token.sid) : null;
        return staffId !== null && staffId === token.sub ? token : null;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      // Sign-out ends the session in the database, so a copy of the cookie is worthless afterwards.
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid === "string") await endStaffSession(db, sid);
      },
    },
  };
});
