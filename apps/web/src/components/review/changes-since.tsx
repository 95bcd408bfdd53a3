"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { WordDiff } from "~/components/versions/word-diff";
import { useTRPC } from "~/trpc/react";

/** What changed between the version a reviewer decided on and the one now under review. */
export function ChangesSince(props: {
  communicationId: string;
  fromVersionId: string | undefined;
  toVersionId: string;
  reviewer: string;
}) {
  const trpc = useTRPC();
  const [shown, setShown] = useState(false);
  const diff = useQuery(
    trpc.versions.compare.queryOptions(
      {
        communicationId: props.communicationId,
        fromVersionId: props.fromVersionId ?? "",
        toVersionId: props.toVersionId,
      },
      { enabled: shown && Boolean(props.fromVersionId) },
    ),
  );
  if (!props.fromVersionId) return null;
  return (
    <div className="text-slate-700">
      <button type="button" className="underline" onClick={() => setShown(!shown)}>
        {shown ? "Hide" : "What changed"} since {props.reviewer} decided
      </button>
      {shown && diff.data ? (
        <div className="mt-1 rounded border border-slate-200 bg-white p-2">
          <WordDiff parts={diff.data.parts} />
        </div>
      ) : null}
    </div>
  );
}
