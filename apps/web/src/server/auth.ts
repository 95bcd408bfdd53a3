import "server-only";
import { AppError, signInWithIdentityProvider, signInWithPassword } from "@conductor/core";
import { cookies } from "next/headers";
import type { NextAuthOptions } from "next-auth";
import { decode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { webEnv } from "~/env";
import { getDb } from "./db";
import { sameSitePath } from "./request-guard";

function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || "unknown";
}

let options: NextAuthOptions | undefined;

/** Built on first use, so `next build` never needs the secret or the database. */
export function authOptions(): NextAuthOptions {
  if (options) return options;
  const env = webEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        try {
          return await signInWithPassword(await getDb(), {
            email: credentials.email,
            password: credentials.password,
            address: clientAddress(req.headers),
          });
        } catch (error) {
          // next-auth passes a thrown message to the sign-in form.
          if (error instanceof AppError && error.code === "RATE_LIMITED")
            throw new Error(error.message);
          throw error;
        }
      },
    }),
  ];
  if (env.oidc) {
    providers.push({
      id: "oidc",
      name: env.oidc.name,
      type: "oauth",
      wellKnown: `${env.oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.oidc.clientId,
      clientSecret: env.oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (profile: { sub: string; email?: string; name?: string }) => ({
        id: profile.sub,
        email: profile.email ?? null,
        name: profile.name ?? profile.email ?? null,
      }),
    });
  }
  options = {
    secret: env.authSecret,
    session: { strategy: "jwt", maxAge: env.sessionMaxAgeSeconds },
    jwt: { maxAge: env.sessionMaxAgeSeconds },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        // SSO lets in only people an admin has already added.
        const member = await signInWithIdentityProvider(await getDb(), {
          provider: "oidc",
          providerAccountId: account.providerAccountId,
          email: user.email,
        });
        if (!member) return "/signin?error=NotAMember";
        user.id = member.id;
        return true;
      },
      // Only paths on this site: "//host" and "/\\host" would leave it.
      redirect({ url, baseUrl }) {
        if (url.startsWith(baseUrl))
          return `${baseUrl}${sameSitePath(url.slice(baseUrl.length) || "/")}`;
        return `${baseUrl}${sameSitePath(url)}`;
      },
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub ?? null };
      },
    },
  };
  return options;
}

// next-auth names its cookie by whether the site is served over https.
const sessionCookieNames = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * The signed-in user's id, or null. Reads the session cookie directly: the
 * token is encrypted and carries its expiry, which decode() checks. (next-auth's
 * getServerSession would also re-issue the cookie on every call, which costs
 * an encryption per request and keeps sessions alive forever while in use;
 * here a sign-in lasts SESSION_MAX_AGE_HOURS, then the person signs in again.)
 */
export async function currentUserId(): Promise<string | null> {
  const jar = await cookies();
  const token = sessionCookieNames.map((name) => jar.get(name)?.value).find(Boolean);
  if (!token) return null;
  const payload = await decode({ token, secret: authOptions().secret! }).catch(() => null);
  return typeof payload?.sub === "string" ? payload.sub : null;
}
