import { AppError, describeInvitation, loadActor } from "@conductor/core";
import type { Metadata } from "next";
import Link from "next/link";
import { currentUserId } from "~/server/auth";
import { getDb } from "~/server/db";
import { AcceptInvitationForm, NewAccountForm } from "./invitation-forms";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

// The page whoever holds the link sees. It shows the organisation and the
// address invited, never whether that address has an account: both ways in
// are offered, and the database decides.
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const invitation = await describeInvitation(db, token).catch((error: unknown) => {
    if (error instanceof AppError) return { unusable: error.message };
    throw error;
  });
  const userId = await currentUserId();
  const actor = userId ? await loadActor(db, userId) : null;
  const here = `/invitations/${encodeURIComponent(token)}`;

  return (
    <main className="flex min-h-screen items-center justify-center px-6 py-12">
      <div className="w-full max-w-md space-y-6">
        <p className="text-center text-sm font-semibold uppercase tracking-widest text-indigo-700">
          Conductor
        </p>
        {"unusable" in invitation ? (
          <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <h1 className="text-xl font-semibold">This invitation cannot be used</h1>
            <p className="mt-2 text-sm text-slate-600">{invitation.unusable}</p>
          </section>
        ) : (
          <>
            <h1 className="text-center text-2xl font-semibold tracking-tight">
              Join {invitation.organizationName}
            </h1>
            <p className="text-center text-sm text-slate-600">
              This invitation is for <strong>{invitation.email}</strong>. It works once, until{" "}
              {invitation.expiresAt.toLocaleDateString("en-GB", { dateStyle: "medium" })}.
            </p>
            {actor ? (
              <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
                {actor.email.toLowerCase() === invitation.email ? (
                  <>
                    <p className="mb-4 text-sm">
                      You are signed in as {actor.email}. Accepting adds you to{" "}
                      {invitation.organizationName}.
                    </p>
                    <AcceptInvitationForm token={token} />
                  </>
                ) : (
                  <p className="text-sm">
                    You are signed in as {actor.email}. Sign out, then open this link again and sign
                    in as {invitation.email} to accept.
                  </p>
                )}
              </section>
            ) : (
              <>
                <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
                  <h2 className="font-semibold">Already use Conductor?</h2>
                  <p className="mt-1 text-sm text-slate-600">
                    Sign in as {invitation.email}, then accept here.
                  </p>
                  <Link
                    href={`/signin?callbackUrl=${encodeURIComponent(here)}`}
                    className="mt-3 inline-block text-sm font-medium text-indigo-700 underline"
                  >
                    Sign in to accept
                  </Link>
                </section>
                <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
                  <h2 className="mb-4 font-semibold">New to Conductor? Set up your account</h2>
                  <NewAccountForm token={token} />
                </section>
              </>
            )}
          </>
        )}
      </div>
    </main>
  );
}
