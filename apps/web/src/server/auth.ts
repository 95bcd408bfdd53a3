import "server-only";
import {
  type Actor,
  AppError,
  endSignInSession,
  isSignInSessionActive,
  loadSignedInActor,
  signInWithIdentityProvider,
  signInWithPassword,
  startSignInSession,
} from "@conductor/core";
import { cookies, headers } from "next/headers";
import type { NextAuthOptions } from "next-auth";
import { decode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { webEnv } from "~/env";
import { clientAddress, peerAddressStamped } from "./client-address";
import { getDb } from "./db";
import { sameSitePath } from "./request-guard";

async function userAgent(): Promise<string | null> {
  try {
    return (await headers()).get("user-agent");
  } catch {
    return null;
  }
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
            address: clientAddress(req.headers, {
              trustedProxyHops: env.trustedProxyHops,
              stamped: peerAddressStamped(),
            }),
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
    useSecureCookies: env.secureCookies,
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
      // A sign-in starts a server-side session whose id rides in the JWT;
      // a token whose session has ended is refused here (next-auth then
      // clears the cookie) and in currentUserId() on every request.
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sid = await startSignInSession(await getDb(), {
            userId: user.id,
            maxAgeSeconds: env.sessionMaxAgeSeconds,
            userAgent: await userAgent(),
          });
          return token;
        }
        if (!(await sessionIsLive(token))) throw new Error("This sign-in has ended");
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub ?? null };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSignInSession(await getDb(), token.sid);
      },
    },
  };
  return options;
}

async function sessionIsLive(payload: { sub?: unknown; sid?: unknown } | null) {
  if (typeof payload?.sub !== "string" || typeof payload.sid !== "string") return false;
  return isSignInSessionActive(await getDb(), { sessionId: payload.sid, userId: payload.sub });
}

/** next-auth's cookie name for how this site is served; the other name is never read. */
export function sessionCookieName(): string {
  return webEnv().secureCookies ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/**
 * The signed-in user's id, or null. Reads the session cookie directly: the
 * token is encrypted and carries its expiry, which decode() checks, and names
 * a SignInSession that must still be live (sign-out and "sign out
 * everywhere" end it). (next-auth's getServerSession would also re-issue the
 * cookie on every call, which costs an encryption per request and keeps
 * sessions alive forever while in use; here a sign-in lasts
 * SESSION_MAX_AGE_HOURS, then the person signs in again.)
 */
export async function currentUserId(): Promise<string | null> {
  const payload = await sessionToken();
  if (!(await sessionIsLive(payload))) return null;
  return payload!.sub as string;
}

/**
 * The signed-in person with every membership, read fresh, or null: the
 * same checks as currentUserId (and loadActor after it) in one statement,
 * for the API context every request builds.
 */
export async function currentActor(): Promise<Actor | null> {
  const payload = await sessionToken();
  if (typeof payload?.sub !== "string" || typeof payload.sid !== "string") return null;
  return loadSignedInActor(await getDb(), { sessionId: payload.sid, userId: payload.sub });
}

/** The session cookie's decoded token, or null when there is none or it does not decode. */
async function sessionToken() {
  const jar = await cookies();
  const token = jar.get(sessionCookieName())?.value;
  if (!token) return null;
  return decode({ token, secret: authOptions().secret! }).catch(() => null);
}
