import { functionLabels, roleLabels } from "@conductor/core/labels";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppNav } from "~/components/navigation/app-nav";
import { NotificationsLink } from "~/components/navigation/notifications-link";
import { SignOutButton } from "~/components/navigation/sign-out-button";
import { requestContext } from "~/server/api";
import { activeMembership } from "~/server/organization";
import { ApiProvider } from "~/trpc/react";
import { switchOrganization } from "./actions";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { actor } = await requestContext();
  if (!actor) redirect("/signin");
  const membership = await activeMembership(actor);
  const access = membership
    ? [
        ...membership.functions.map((f) => functionLabels[f]),
        ...membership.roles.map((r) => roleLabels[r]),
      ]
    : [];
  return (
    <ApiProvider>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="bg-indigo-900 text-white">
        {/* Sized so the whole header fits one row at 1280 px for every role label. */}
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-6 py-3">
          <Link
            href="/communications"
            className="text-lg font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-indigo-300"
          >
            Conductor
          </Link>
          <AppNav />
          <div className="ml-auto flex items-center gap-2 text-sm">
            {actor.memberships.length > 1 ? (
              <form action={switchOrganization} className="flex items-center gap-2">
                <label htmlFor="organizationId" className="sr-only">
                  Organisation
                </label>
                <select
                  id="organizationId"
                  name="organizationId"
                  defaultValue={membership?.organizationId}
                  className="rounded-md border-0 bg-indigo-800 px-2 py-1 text-sm text-white"
                >
                  {actor.memberships.map((m) => (
                    <option key={m.organizationId} value={m.organizationId}>
                      {m.organizationName}
                    </option>
                  ))}
                </select>
                <button
                  type="submit"
                  className="rounded-md px-2 py-1 text-indigo-100 hover:bg-indigo-800"
                >
                  Switch
                </button>
              </form>
            ) : membership ? (
              <span className="text-indigo-200">{membership.organizationName}</span>
            ) : null}
            {membership ? <NotificationsLink organizationId={membership.organizationId} /> : null}
            <span className="text-right leading-tight">
              <span className="block font-medium">{actor.name}</span>
              <span className="block text-xs text-indigo-200">
                {access.join(" · ") || "No role yet"}
              </span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-6 py-8">
        {membership ? (
          children
        ) : (
          <p className="text-slate-700">
            You are not a member of any organisation yet. Ask an admin to add you.
          </p>
        )}
      </main>
    </ApiProvider>
  );
}
