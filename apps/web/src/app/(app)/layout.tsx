import type { Actor, ActorMembership } from "@conductor/core";
import { functionLabels, roleLabels } from "@conductor/core/labels";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppNav } from "~/components/navigation/app-nav";
import { LiveUpdates } from "~/components/navigation/live-updates";
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
      {membership ? <LiveUpdates organizationId={membership.organizationId} /> : null}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="bg-indigo-900 text-white">
        <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 sm:px-6">
          <Link
            href="/communications"
            className="text-lg font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-indigo-300"
          >
            Conductor
          </Link>
          <AppNav
            notifications={
              membership ? <NotificationsLink organizationId={membership.organizationId} /> : null
            }
            account={<Account actor={actor} membership={membership} access={access} />}
            accountInMenu={
              <Account actor={actor} membership={membership} access={access} idSuffix="-menu" />
            }
          />
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

/** Which organisation (switchable when there are several), who is signed in as what, and sign-out. */
function Account(props: {
  actor: Actor;
  membership: ActorMembership | null;
  access: string[];
  idSuffix?: string;
}) {
  const { actor, membership } = props;
  const selectId = `organizationId${props.idSuffix ?? ""}`;
  return (
    <>
      {actor.memberships.length > 1 ? (
        <form action={switchOrganization} className="flex items-center gap-2">
          <label htmlFor={selectId} className="sr-only">
            Organisation
          </label>
          <select
            id={selectId}
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
        <span className="whitespace-nowrap text-indigo-200">{membership.organizationName}</span>
      ) : null}
      <span className="leading-tight xl:text-right">
        <span className="block whitespace-nowrap font-medium">{actor.name}</span>
        <span className="block text-xs text-indigo-200">
          {props.access.join(" · ") || "No role yet"}
        </span>
      </span>
      <SignOutButton />
    </>
  );
}
