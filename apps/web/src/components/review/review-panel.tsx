"use client";
import type { RouterInputs } from "@conductor/api";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { CallPrediction } from "~/components/calls/call-prediction";
import { CallReasons } from "~/components/calls/call-reasons";
import { useTRPC } from "~/trpc/react";
import { CorrectReleaseForm } from "./correct-release-form";
import { DecisionForm } from "./decision-form";
import { NamedReviewers } from "./named-reviewers";
import { ReleaseForm } from "./release-form";
import { ReviewStages } from "./review-stages";
import { statusWords } from "./review-words";
import { SubmitForReview } from "./submit-for-review";
import { WithdrawForm } from "./withdraw-form";

/**
 * Review and release beside the editor: submit the draft (saved as a
 * version, frozen with its brief and score), each stage's functions and
 * their decisions, a decision form for whoever the current stage waits on,
 * and the comms manager's release.
 */
export function ReviewPanel(props: {
  communicationId: string;
  organizationId: string;
  channel: RouterInputs["reviews"]["release"]["channel"];
  /** The live draft's plain text, to say when it differs from the version under review. */
  draftText: string | null;
  saveVersion(name: string): Promise<{ id: string; number: number }>;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { communicationId } = props;
  const current = useQuery(trpc.reviews.current.queryOptions({ communicationId }));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.reviews.current.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.versions.list.queryKey() });
    // A submission saves a version and a release adds to the history and
    // sets the audience: the predictions on screen are asked again, without
    // holding the form up until the history is measured again.
    void queryClient.invalidateQueries({ queryKey: trpc.calls.prediction.queryKey() });
    router.refresh();
  };
  const reviewedVersionId = current.data?.review?.versionId ?? "";
  const reviewed = useQuery(
    trpc.versions.content.queryOptions(
      { communicationId, versionId: reviewedVersionId },
      { enabled: Boolean(reviewedVersionId) },
    ),
  );

  if (current.error)
    return (
      <p role="alert" className="text-sm text-red-700">
        The review could not be loaded: {current.error.message}
      </p>
    );
  if (!current.data) return <p className="text-sm text-slate-500">Loading the review…</p>;
  const { review, can, reasonCodes } = current.data;
  const open = review && ["IN_REVIEW", "CHANGES_REQUESTED", "APPROVED"].includes(review.status);

  return (
    <div className="space-y-4 text-sm">
      {review ? (
        <section aria-label="Review status" className="space-y-1">
          <p className="font-semibold text-slate-900" data-review-status={review.status}>
            {statusWords[review.status]}
          </p>
          <p className="text-xs text-slate-600">
            Version {review.version.number} ({review.version.name}) · hash{" "}
            <code title={review.versionHash}>{review.versionHash.slice(0, 12)}…</code> · score{" "}
            {review.score} · rules {review.rulesVersion}
            {review.templateName ? ` · ${review.templateName}` : ""}
          </p>
          {review.withdrawnReason ? (
            <p className="text-xs text-slate-700">Withdrawn: {review.withdrawnReason}</p>
          ) : null}
          {review.overrideReason ? (
            <p className="text-xs text-amber-800">
              Submitted with an override: {review.overrideReason}
            </p>
          ) : null}
          {open &&
          props.draftText !== null &&
          reviewed.data &&
          reviewed.data.text !== props.draftText ? (
            <p className="rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900">
              The draft has changed since this version was submitted. Reviewers decide on the
              submitted version; submit the new one to put the changes in front of them.
            </p>
          ) : null}
        </section>
      ) : (
        <p className="text-slate-600">Not submitted for review yet.</p>
      )}

      {review ? (
        <ReviewStages communicationId={communicationId} review={review} open={Boolean(open)} />
      ) : null}

      {can.decideAs.length > 0 && review ? (
        <CallPrediction
          communicationId={communicationId}
          versionId={review.versionId}
          subject="the version under review"
        />
      ) : null}
      {can.decideAs.length > 0 && review ? (
        <DecisionForm
          communicationId={communicationId}
          reviewId={review.id}
          versionHash={review.versionHash}
          functions={can.decideAs}
          reasonCodes={reasonCodes}
          onDone={refresh}
        />
      ) : null}

      {can.release && review ? (
        <ReleaseForm
          communicationId={communicationId}
          reviewId={review.id}
          versionId={review.versionId}
          channel={props.channel}
          onDone={refresh}
        />
      ) : null}

      {review?.release ? (
        <CorrectReleaseForm
          communicationId={communicationId}
          release={review.release}
          mayCorrect={can.correctRelease}
          onDone={refresh}
        />
      ) : null}

      {review && (review.status === "RELEASED" || review.status === "APPROVED") ? (
        <Link
          href={`/communications/${communicationId}/certificate`}
          className="inline-block text-indigo-800 underline"
        >
          Approval certificate
        </Link>
      ) : null}

      {review ? (
        <p className="text-xs text-slate-600">
          Audit trail:{" "}
          <a
            className="underline"
            href={`/api/communications/${communicationId}/audit?format=json`}
          >
            JSON
          </a>{" "}
          ·{" "}
          <a className="underline" href={`/api/communications/${communicationId}/audit?format=csv`}>
            CSV
          </a>
        </p>
      ) : null}
      <CallReasons
        communicationId={communicationId}
        organizationId={props.organizationId}
        mayChange={can.mapCallReasons}
      />
      {can.submit ? (
        <NamedReviewers
          communicationId={communicationId}
          organizationId={props.organizationId}
          named={current.data.named}
          stageFunctions={review && open ? review.stages.flatMap((s) => s.functions) : null}
          onDone={refresh}
        />
      ) : null}
      {can.submit && review?.status !== "APPROVED" ? (
        <SubmitForReview
          communicationId={communicationId}
          prediction={
            <CallPrediction communicationId={communicationId} subject="the last saved version" />
          }
          open={Boolean(open)}
          templates={current.data.templates}
          saveVersion={props.saveVersion}
          onDone={refresh}
        />
      ) : null}
      {can.withdraw && review ? (
        <WithdrawForm communicationId={communicationId} reviewId={review.id} onDone={refresh} />
      ) : null}
    </div>
  );
}
