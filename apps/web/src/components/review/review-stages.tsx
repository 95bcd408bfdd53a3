"use client";
import type { RouterOutputs } from "@conductor/api";
import { channelLabels, functionLabels } from "@conductor/core/labels";
import { useQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { formatDateTime } from "~/components/format";
import { useTRPC } from "~/trpc/react";
import { ChangesSince } from "./changes-since";
import { carriedCount, decisionLabels } from "./review-words";

type Review = NonNullable<RouterOutputs["reviews"]["current"]["review"]>;

/**
 * Each stage with its functions and their decisions (superseded ones struck
 * through, with what changed since), then the release as the last step.
 */
export function ReviewStages(props: { communicationId: string; review: Review; open: boolean }) {
  const { communicationId, review, open } = props;
  const trpc = useTRPC();
  // A superseded decision names the version by its hash: the list maps it to an id for the diff.
  const versions = useQuery(trpc.versions.list.queryOptions({ communicationId }));
  const versionIdOf = (hash: string) => versions.data?.find((v) => v.contentHash === hash)?.id;
  return (
    <ol aria-label="Stages" className="space-y-2">
      {review.stages.map((stage, index) => {
        const state =
          review.status === "RELEASED" || index < review.stage
            ? "done"
            : index === review.stage && open
              ? "current"
              : "waiting";
        return (
          <li
            key={stage.name}
            aria-label={`Stage ${index + 1}: ${stage.name}`}
            className={clsx(
              "rounded-md p-2 ring-1",
              state === "done" && "bg-emerald-50 ring-emerald-200",
              state === "current" && "bg-white ring-indigo-300",
              state === "waiting" && "bg-slate-50 ring-slate-200",
            )}
          >
            <p className="font-medium text-slate-900">
              {index + 1}. {stage.name}
              {state === "current" && review.stageDueAt ? (
                <span className="ml-1 text-xs font-normal text-slate-600">
                  · due {formatDateTime(review.stageDueAt)}
                </span>
              ) : null}
            </p>
            <ul className="mt-1 space-y-1">
              {stage.functions.map((fn) => {
                const decisions = review.decisions.filter(
                  (d) => d.stage === index && d.function === fn,
                );
                const live = decisions.some((d) => d.supersededAt === null);
                return (
                  <li key={fn} className="text-xs">
                    <span className="font-medium">{functionLabels[fn]}</span>
                    {!live && open && index >= review.stage ? (
                      <span className="text-slate-500"> — waiting</span>
                    ) : null}
                    <ul>
                      {decisions.map((d) => (
                        <li key={d.id}>
                          <span className={clsx(d.supersededAt && "text-slate-600 line-through")}>
                            {decisionLabels[d.kind]}
                            {d.withChanges ? " (with changes)" : ""} by {d.reviewer.name} ·{" "}
                            {formatDateTime(d.createdAt)}
                            {carriedCount(d.suggestions)
                              ? ` · ${carriedCount(d.suggestions)} suggestion${carriedCount(d.suggestions) === 1 ? "" : "s"} pending then`
                              : ""}
                            {d.reasonCode ? ` · ${d.reasonCode}` : ""}
                            {d.comment ? ` — “${d.comment}”` : ""}
                          </span>
                          {d.supersededAt ? (
                            <>
                              <span className="ml-1 text-slate-500">
                                (superseded: made on an earlier version)
                              </span>
                              <ChangesSince
                                communicationId={communicationId}
                                fromVersionId={versionIdOf(d.versionHash)}
                                toVersionId={review.versionId}
                                reviewer={d.reviewer.name}
                              />
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
      <li
        className={clsx(
          "rounded-md p-2 ring-1",
          review.status === "RELEASED"
            ? "bg-emerald-50 ring-emerald-200"
            : review.status === "APPROVED"
              ? "bg-white ring-indigo-300"
              : "bg-slate-50 ring-slate-200",
        )}
      >
        <p className="font-medium text-slate-900">
          {review.stages.length + 1}. Release by a comms manager
        </p>
        {review.release ? (
          <p className="text-xs">
            Released {formatDateTime(review.release.createdAt)} ·{" "}
            {channelLabels[review.release.channel]} ·{" "}
            {review.release.recipients.toLocaleString("en")} recipients
            {review.release.campaignId ? ` · campaign ${review.release.campaignId}` : ""}
          </p>
        ) : null}
      </li>
    </ol>
  );
}
