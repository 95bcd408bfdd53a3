"use client";
import { Button, EmptyState } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { clsx } from "clsx";
import Link from "next/link";
import { formatDateTime } from "~/components/format";
import { useTRPC } from "~/trpc/react";

/** How each kind reads in the list. */
const kindWords = {
  MENTION: "mentioned you:",
  REVIEW_WAITING: "— a review waits on you:",
  CHANGES_REQUESTED: "— changes requested:",
  REVIEW_APPROVED: "— approved:",
  RELEASED: "— released:",
  DUE_SOON: "— your review is due soon:",
  OVERDUE: "— your review is overdue:",
  SUGGESTION_REJECTED: "— did not accept your suggestion:",
} as const;

export function NotificationsList({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useQuery(trpc.notifications.list.queryOptions({ organizationId }));
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() }),
    }),
  );
  if (!data) return <p className="text-sm text-slate-500">Loading…</p>;
  if (data.items.length === 0)
    return (
      <EmptyState title="Nothing for you yet">
        Mentions of you or your function (@legal, @compliance…), reviews waiting on you, and
        changes, approvals and releases of your messages show here.
      </EmptyState>
    );
  return (
    <div>
      <div className="mb-3 flex items-center justify-between">
        <p className="text-sm text-slate-600">{data.unread} unread</p>
        <Button
          variant="secondary"
          disabled={data.unread === 0}
          onClick={() => markRead.mutate({ organizationId })}
        >
          Mark all read
        </Button>
      </div>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {data.items.map((item) => (
          <li key={item.id} className={clsx("px-4 py-3", !item.readAt && "bg-amber-50")}>
            <Link
              href={
                item.kind === "MENTION"
                  ? `/communications/${item.communicationId}?thread=${item.threadId ?? ""}`
                  : item.kind === "SUGGESTION_REJECTED"
                    ? `/communications/${item.communicationId}?tab=suggestions`
                    : `/communications/${item.communicationId}?tab=review`
              }
              onClick={() => markRead.mutate({ organizationId, notificationIds: [item.id] })}
              className="block hover:underline"
            >
              <span className="font-medium text-slate-900">{item.actorName}</span>{" "}
              <span className="text-slate-600">{kindWords[item.kind]}</span>{" "}
              <span className="text-slate-900">{item.excerpt}</span>
            </Link>
            <p className="text-xs text-slate-500">
              {formatDateTime(item.createdAt)}
              {item.readAt ? "" : " · unread"}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
