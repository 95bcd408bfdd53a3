"use client";
import { channelLabels, statusLabels } from "@conductor/core/labels";
import { channelValues, statusValues } from "@conductor/core/schemas";
import { Alert, Badge, Button, EmptyState, SelectField, TextField } from "@conductor/ui";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { formatDateTime, formatPlannedDate, statusTones } from "~/components/format";
import { useTRPC } from "~/trpc/react";

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

export function CommunicationList({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  // Filters live in the URL, so a filtered list can be shared and survives reload.
  const status = pick(params.get("status"), statusValues);
  const channel = pick(params.get("channel"), channelValues);
  const search = params.get("q") ?? "";
  const [searchDraft, setSearchDraft] = useState(search);

  function setParam(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  }

  useEffect(() => {
    if (searchDraft === search) return;
    const timer = setTimeout(() => setParam("q", searchDraft.trim()), 250);
    return () => clearTimeout(timer);
  });

  const query = useInfiniteQuery(
    trpc.communications.list.infiniteQueryOptions(
      { organizationId, status, channel, search: search || undefined, limit: 25 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(status || channel || search);

  return (
    <div className="space-y-4">
      <search className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr]">
        <TextField
          id="search"
          label="Search messages"
          type="search"
          placeholder="Title, text or brief, e.g. 177.17"
          value={searchDraft}
          onChange={(e) => setSearchDraft(e.target.value)}
        />
        <SelectField
          id="status"
          label="Status"
          value={status ?? ""}
          onChange={(e) => setParam("status", e.target.value)}
          options={[
            { value: "", label: "Any status" },
            ...statusValues.map((s) => ({ value: s, label: statusLabels[s] })),
          ]}
        />
        <SelectField
          id="channel"
          label="Channel"
          value={channel ?? ""}
          onChange={(e) => setParam("channel", e.target.value)}
          options={[
            { value: "", label: "Any channel" },
            ...channelValues.map((c) => ({ value: c, label: channelLabels[c] })),
          ]}
        />
      </search>

      {query.isError ? (
        <Alert tone="error" title="The list could not be loaded">
          {query.error.message}
        </Alert>
      ) : null}

      {query.isPending ? (
        <p className="py-8 text-center text-sm text-slate-500" aria-live="polite">
          Loading communications…
        </p>
      ) : items.length === 0 ? (
        <EmptyState
          title={filtered ? "No communications match these filters" : "No communications yet"}
        >
          {filtered
            ? "Try another status, channel or search."
            : "A comms manager can create the first one."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Communications, newest change first</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Title
                </th>
                <th scope="col" className="px-4 py-3">
                  Channel
                </th>
                <th scope="col" className="px-4 py-3">
                  Status
                </th>
                <th scope="col" className="px-4 py-3">
                  Planned send
                </th>
                <th scope="col" className="px-4 py-3">
                  Owner
                </th>
                <th scope="col" className="px-4 py-3">
                  Last change
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => (
                <tr key={item.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3 font-medium">
                    <Link
                      href={`/communications/${item.id}`}
                      className="text-indigo-800 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                    >
                      {item.title}
                    </Link>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{channelLabels[item.channel]}</td>
                  <td className="px-4 py-3">
                    <Badge tone={statusTones[item.status]}>{statusLabels[item.status]}</Badge>
                  </td>
                  <td className="px-4 py-3 text-slate-700">
                    {formatPlannedDate(item.plannedSendAt)}
                  </td>
                  <td className="px-4 py-3 text-slate-700">{item.owner.name}</td>
                  <td className="px-4 py-3 text-slate-500">{formatDateTime(item.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className="flex items-center justify-between text-sm text-slate-600">
        <span aria-live="polite">{items.length > 0 ? `Showing ${items.length}` : null}</span>
        {query.hasNextPage ? (
          <Button
            variant="secondary"
            busy={query.isFetchingNextPage}
            onClick={() => query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
