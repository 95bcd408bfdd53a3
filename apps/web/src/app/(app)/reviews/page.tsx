import { channelLabels, functionLabels } from "@conductor/core/labels";
import { Badge, PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "~/components/format";
import { serverApi } from "~/server/api";
import { currentWorkspace } from "~/server/organization";

export const metadata: Metadata = { title: "My reviews" };

/** What waits for my decision, overdue first, then by due time. */
export default async function MyReviewsPage() {
  const { membership } = await currentWorkspace();
  const api = await serverApi();
  const items = await api.reviews.mine({ organizationId: membership.organizationId });
  return (
    <>
      <PageHeader
        title="My reviews"
        description="Messages whose current review stage waits on a function of yours."
      />
      {membership.functions.length === 0 ? (
        <p className="text-sm text-slate-600">
          You review for no function, so no stage waits on you.
        </p>
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing waits for you. Well done.</p>
      ) : (
        <ul aria-label="Waiting for my decision" className="space-y-2">
          {items.map((item) => (
            <li
              key={`${item.reviewId}`}
              className="flex items-center justify-between rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm"
            >
              <div>
                <Link
                  href={`/communications/${item.communication.id}`}
                  className="font-medium text-indigo-800 hover:underline"
                >
                  {item.communication.title}
                </Link>
                <p className="text-xs text-slate-600">
                  {channelLabels[item.communication.channel]} · {item.stageName} · for{" "}
                  {item.functions.map((f) => functionLabels[f]).join(", ")}
                </p>
              </div>
              <div className="text-right text-xs">
                {item.overdue ? <Badge tone="danger">Overdue</Badge> : null}
                <p className="text-slate-600">
                  {item.dueAt ? `Due ${formatDateTime(item.dueAt)}` : "No due date"}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
