import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { webEnv } from "~/env";
import { currentUserId } from "~/server/auth";
import { sameSitePath } from "~/server/request-guard";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const errorMessages: Record<string, string> = {
  NotAMember:
    "Your single sign-on account is not a member of any organisation here. Ask an admin to add you.",
  AccessDenied:
    "Your single sign-on account is not a member of any organisation here. Ask an admin to add you.",
  SessionRequired: "Please sign in to continue.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string; joined?: string }>;
}) {
  if (await currentUserId()) redirect("/communications");
  const { error, callbackUrl, joined } = await searchParams;
  const sso = webEnv().oidc;
  return (
    <main className="flex min-h-screen items-center justify-center px-6 py-12">
      <div className="w-full max-w-sm">
        <p className="text-center text-sm font-semibold uppercase tracking-widest text-indigo-700">
          Conductor
        </p>
        <h1 className="mt-2 text-center text-2xl font-semibold tracking-tight">
          Sign in to your organisation
        </h1>
        <p className="mt-2 text-center text-sm text-slate-600">
          Write customer messages that customers understand the first time.
        </p>
        {joined ? (
          <p
            role="status"
            className="mt-6 rounded-md bg-emerald-50 p-3 text-center text-sm text-emerald-900"
          >
            Your account is ready. Sign in with your email and the password you chose.
          </p>
        ) : null}
        <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm
            callbackUrl={sameSitePath(callbackUrl)}
            initialError={error ? (errorMessages[error] ?? null) : null}
            sso={sso ? { name: sso.name } : null}
          />
        </div>
      </div>
    </main>
  );
}
