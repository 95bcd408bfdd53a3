"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/trpc/react";

/** The header's way in to mentions: a count of unread notifications, kept fresh. */
export function NotificationsLink({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const { data } = useQuery(
    trpc.notifications.list.queryOptions({ organizationId }, { refetchInterval: 20_000 }),
  );
  const unread = data?.unread ?? 0;
  return (
    <Link
      href="/notifications"
      className="relative whitespace-nowrap rounded-md px-2 py-1 text-indigo-100 hover:bg-indigo-800 focus-visible:outline-2 focus-visible:outline-indigo-300"
    >
      {/* The name is the visible text plus "unread" (no aria-label that hides what is shown). */}
      Notifications
      {unread ? (
        <>
          {" "}
          <span className="rounded-full bg-amber-400 px-1.5 text-xs font-semibold text-indigo-950">
            {unread}
          </span>
          <span className="sr-only"> unread</span>
        </>
      ) : null}
    </Link>
  );
}
