"use client";
import { functionLabels } from "@conductor/core/labels";
import type { ReviewFunction } from "@conductor/db/enums";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "~/trpc/react";

/**
 * The owner names reviewers per function for this communication; a named
 * function's stage then waits on them (not on every member of it).
 */
export function NamedReviewers(props: {
  communicationId: string;
  organizationId: string;
  named: Partial<Record<ReviewFunction, string[]>>;
  /** The functions of the review under way, else those of the default template. */
  stageFunctions: ReviewFunction[] | null;
  onDone(): Promise<void>;
}) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const members = useQuery(
    trpc.members.list.queryOptions({ organizationId: props.organizationId }, { enabled: open }),
  );
  const settings = useQuery(
    trpc.reviewSettings.get.queryOptions(
      { organizationId: props.organizationId },
      { enabled: open && !props.stageFunctions },
    ),
  );
  const assign = useMutation(trpc.reviews.assign.mutationOptions());
  // Shown at once, confirmed by the server's answer (and reverted if it refuses).
  const [named, setNamed] = useState(props.named);
  useEffect(() => setNamed(props.named), [props.named]);
  const functions = [
    ...new Set(
      props.stageFunctions ??
        settings.data?.templates.find((t) => t.isDefault)?.stages.flatMap((s) => s.functions) ??
        [],
    ),
  ];
  const namedCount = Object.values(named).reduce((n, ids) => n + (ids?.length ?? 0), 0);
  return (
    <details
      className="rounded-md border border-slate-200 p-2 text-xs"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary className="cursor-pointer font-medium text-slate-800">
        Named reviewers ({namedCount || "none: any member of each function"})
      </summary>
      <div className="mt-2 space-y-2">
        {functions.map((fn) => {
          const candidates = (members.data ?? []).filter((m) => m.functions.includes(fn as string));
          const chosen = named[fn] ?? [];
          return (
            <fieldset key={fn}>
              <legend className="font-medium text-slate-700">{functionLabels[fn]}</legend>
              <div className="flex flex-wrap gap-3">
                {candidates.map((m) => (
                  <label key={m.userId} className="flex items-center gap-1">
                    <input
                      type="checkbox"
                      checked={chosen.includes(m.userId)}
                      disabled={assign.isPending}
                      onChange={async (e) => {
                        const userIds = e.target.checked
                          ? [...chosen, m.userId]
                          : chosen.filter((id) => id !== m.userId);
                        setNamed({ ...named, [fn]: userIds });
                        try {
                          await assign.mutateAsync({
                            communicationId: props.communicationId,
                            function: fn,
                            userIds,
                          });
                        } catch {
                          setNamed(props.named);
                        }
                        await props.onDone();
                      }}
                    />
                    {m.name}
                  </label>
                ))}
                {candidates.length === 0 ? (
                  <span className="text-slate-500">No members in {functionLabels[fn]}</span>
                ) : null}
              </div>
            </fieldset>
          );
        })}
        {assign.error ? <p className="text-red-700">{assign.error.message}</p> : null}
      </div>
    </details>
  );
}
