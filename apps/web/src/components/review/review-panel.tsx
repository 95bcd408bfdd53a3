"use client";
import { channelLabels, functionLabels } from "@conductor/core/labels";
import { channelValues } from "@conductor/core/schemas";
import type { ReviewFunction } from "@conductor/db/enums";
import { Button } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { clsx } from "clsx";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ReasonMapping } from "~/components/calls/reason-mapping";
import { formatDateTime } from "~/components/format";
import { WordDiff } from "~/components/versions/word-diff";
import { useTRPC } from "~/trpc/react";

const decisionLabels = {
  APPROVE: "Approved",
  APPROVE_WITH_COMMENTS: "Approved with comments",
  REQUEST_CHANGES: "Requested changes",
  REJECT: "Rejected",
} as const;

const statusWords = {
  IN_REVIEW: "In review",
  CHANGES_REQUESTED: "Changes requested",
  REJECTED: "Rejected",
  APPROVED: "Approved — waiting for the release",
  RELEASED: "Released",
  WITHDRAWN: "Withdrawn",
} as const;

/** The reason a refused call gives (the workflow's code), when it gives one. */
const reasonOf = (error: unknown) =>
  (error as { data?: { reason?: string | null } } | null)?.data?.reason ?? null;

/**
 * Review and release beside the editor: submit the draft (saved as a
 * version, frozen with its brief and score), each stage's functions and
 * their decisions, a decision form for whoever the current stage waits on,
 * and the comms manager's release.
 */
export function ReviewPanel(props: {
  communicationId: string;
  organizationId: string;
  channel: string;
  /** The live draft's plain text, to say when it differs from the version under review. */
  draftText: string | null;
  saveVersion(name: string): Promise<number>;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { communicationId } = props;
  const current = useQuery(trpc.reviews.current.queryOptions({ communicationId }));
  const versions = useQuery(trpc.versions.list.queryOptions({ communicationId }));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.reviews.current.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.versions.list.queryKey() });
    router.refresh();
  };
  const submit = useMutation(trpc.reviews.submit.mutationOptions());
  const [override, setOverride] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The template a new review follows; "" = the organisation's default. */
  const [templateId, setTemplateId] = useState("");
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

  const submitDraft = async () => {
    setBusy(true);
    setSubmitError(null);
    try {
      const number = await props.saveVersion(
        open ? "Resubmitted for review" : "Submitted for review",
      );
      const list = (await versions.refetch()).data ?? [];
      const version = list.find((v) => v.number === number);
      if (!version) throw new Error(`Version ${number} was saved but could not be found`);
      await submit.mutateAsync({
        communicationId,
        versionId: version.id,
        overrideReason: override ?? undefined,
        ...(!open && templateId ? { templateId } : {}),
      });
      setOverride(null);
      await refresh();
    } catch (error) {
      if (reasonOf(error) === "OVERRIDE_REQUIRED") setOverride(override ?? "");
      setSubmitError((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

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
                              <span
                                className={clsx(d.supersededAt && "text-slate-400 line-through")}
                              >
                                {decisionLabels[d.kind]} by {d.reviewer.name} ·{" "}
                                {formatDateTime(d.createdAt)}
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
                                    fromVersionId={
                                      versions.data?.find((v) => v.contentHash === d.versionHash)
                                        ?.id
                                    }
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
          channel={props.channel}
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
        <section
          aria-label="Submit for review"
          className="space-y-2 border-t border-slate-200 pt-3"
        >
          <p className="text-xs text-slate-600">
            {open
              ? "Submitting again saves the draft as a new version; decisions on the earlier version are superseded and the review starts again at stage 1."
              : "Submitting saves the draft as a version and freezes it, with the brief in force and its score, for the reviewers."}
          </p>
          {!open && current.data.templates.length > 1 ? (
            <div>
              <label htmlFor="review-template" className="text-xs font-medium text-slate-700">
                Review template
              </label>
              <select
                id="review-template"
                value={templateId}
                onChange={(e) => setTemplateId(e.target.value)}
                className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
              >
                {current.data.templates.map((t) => (
                  <option key={t.id} value={t.isDefault ? "" : t.id}>
                    {t.name}
                    {t.isDefault ? " (default)" : ""}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {override !== null ? (
            <label className="block">
              <span className="text-xs font-medium text-slate-700">
                Why submit below the minimum score or with blocking findings?
              </span>
              <textarea
                value={override}
                onChange={(e) => setOverride(e.target.value)}
                rows={2}
                className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
          ) : null}
          {submitError ? <p className="text-xs text-red-700">{submitError}</p> : null}
          <Button onClick={submitDraft} disabled={busy || (override !== null && !override.trim())}>
            {open ? "Submit the new version" : "Submit for review"}
          </Button>
        </section>
      ) : null}
      {can.withdraw && review ? (
        <WithdrawForm communicationId={communicationId} reviewId={review.id} onDone={refresh} />
      ) : null}
    </div>
  );
}

/** The owner takes the review back, saying why; decisions made so far stay on record. */
function WithdrawForm(props: { communicationId: string; reviewId: string; onDone(): void }) {
  const trpc = useTRPC();
  const withdraw = useMutation(trpc.reviews.withdraw.mutationOptions({ onSuccess: props.onDone }));
  const [reason, setReason] = useState<string | null>(null);
  if (reason === null)
    return (
      <div className="border-t border-slate-200 pt-3">
        <Button variant="secondary" onClick={() => setReason("")}>
          Withdraw the review…
        </Button>
      </div>
    );
  return (
    <form
      aria-label="Withdraw the review"
      className="space-y-2 border-t border-slate-200 pt-3"
      onSubmit={(event) => {
        event.preventDefault();
        withdraw.mutate({ ...props, reason });
      }}
    >
      <label htmlFor="withdraw-reason" className="text-xs font-medium text-slate-700">
        Why withdraw it? Reviewers stop seeing it; the trail keeps what they decided.
      </label>
      <textarea
        id="withdraw-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        rows={2}
        className="block w-full rounded-md border border-slate-300 px-2 py-1"
      />
      {withdraw.error ? <p className="text-xs text-red-700">{withdraw.error.message}</p> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={withdraw.isPending || reason.trim().length < 3}>
          Withdraw
        </Button>
        <Button variant="secondary" onClick={() => setReason(null)}>
          Keep it in review
        </Button>
      </div>
    </form>
  );
}

/** What changed between the version a reviewer decided on and the one now under review. */
function ChangesSince(props: {
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

/**
 * The owner names reviewers per function for this communication; a named
 * function's stage then waits on them (not on every member of it).
 */
function NamedReviewers(props: {
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

function DecisionForm(props: {
  communicationId: string;
  reviewId: string;
  versionHash: string;
  functions: ReviewFunction[];
  reasonCodes: string[];
  onDone(): Promise<void>;
}) {
  const trpc = useTRPC();
  const decide = useMutation(trpc.reviews.decide.mutationOptions());
  const [fn, setFn] = useState<ReviewFunction>(props.functions[0]!);
  const [kind, setKind] = useState<keyof typeof decisionLabels>("APPROVE");
  const [reasonCode, setReasonCode] = useState("");
  const [comment, setComment] = useState("");
  const needsReason = kind === "REQUEST_CHANGES" || kind === "REJECT";
  return (
    <form
      aria-label="Your decision"
      className="space-y-2 rounded-md border border-indigo-200 bg-indigo-50/40 p-3"
      onSubmit={async (event) => {
        event.preventDefault();
        await decide.mutateAsync({
          communicationId: props.communicationId,
          reviewId: props.reviewId,
          versionHash: props.versionHash,
          function: fn,
          kind,
          reasonCode: needsReason ? reasonCode : undefined,
          comment,
        });
        await props.onDone();
      }}
    >
      <p className="font-medium text-slate-900">Your decision</p>
      {props.functions.length > 1 ? (
        <label className="block text-xs">
          Deciding for
          <select
            value={fn}
            onChange={(e) => setFn(e.target.value as ReviewFunction)}
            className="ml-1 rounded-md border border-slate-300 px-1"
          >
            {props.functions.map((f) => (
              <option key={f} value={f}>
                {functionLabels[f]}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="text-xs text-slate-600">For {functionLabels[fn]}</p>
      )}
      <fieldset className="grid grid-cols-2 gap-1 text-xs">
        <legend className="sr-only">Decision</legend>
        {(Object.keys(decisionLabels) as (keyof typeof decisionLabels)[]).map((k) => (
          <label key={k} className="flex items-center gap-1">
            <input type="radio" name="decision" checked={kind === k} onChange={() => setKind(k)} />
            {
              {
                APPROVE: "Approve",
                APPROVE_WITH_COMMENTS: "Approve with comments",
                REQUEST_CHANGES: "Request changes",
                REJECT: "Reject",
              }[k]
            }
          </label>
        ))}
      </fieldset>
      {needsReason ? (
        <label className="block text-xs">
          <span className="font-medium text-slate-700">Reason</span>
          <select
            value={reasonCode}
            onChange={(e) => setReasonCode(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
          >
            <option value="">Choose…</option>
            {props.reasonCodes.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="block text-xs">
        <span className="font-medium text-slate-700">Comment</span>
        <textarea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={2}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      {decide.error ? <p className="text-xs text-red-700">{decide.error.message}</p> : null}
      <Button type="submit" disabled={decide.isPending || (needsReason && !reasonCode)}>
        Record decision
      </Button>
    </form>
  );
}

function ReleaseForm(props: {
  communicationId: string;
  reviewId: string;
  channel: string;
  onDone(): Promise<void>;
}) {
  const trpc = useTRPC();
  const release = useMutation(trpc.reviews.release.mutationOptions());
  const [channel, setChannel] = useState(props.channel);
  const [dates, setDates] = useState("");
  const [recipients, setRecipients] = useState("");
  const [campaignId, setCampaignId] = useState("");
  return (
    <form
      aria-label="Release"
      className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50/40 p-3 text-xs"
      onSubmit={async (event) => {
        event.preventDefault();
        await release.mutateAsync({
          communicationId: props.communicationId,
          reviewId: props.reviewId,
          channel: channel as (typeof channelValues)[number],
          sendDates: dates
            .split(",")
            .map((d) => d.trim())
            .filter(Boolean)
            .map((d) => new Date(d)),
          recipients: Number(recipients),
          campaignId: campaignId || undefined,
        });
        await props.onDone();
      }}
    >
      <p className="text-sm font-medium text-slate-900">Approve the release</p>
      <label className="block">
        Channel
        <select
          value={channel}
          onChange={(e) => setChannel(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
        >
          {channelValues.map((c) => (
            <option key={c} value={c}>
              {channelLabels[c]}
            </option>
          ))}
        </select>
      </label>
      <label className="block">
        Send dates (YYYY-MM-DD, comma-separated)
        <input
          value={dates}
          onChange={(e) => setDates(e.target.value)}
          placeholder="2027-05-01"
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      <label className="block">
        Recipients
        <input
          type="number"
          min={1}
          value={recipients}
          onChange={(e) => setRecipients(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      <label className="block">
        Campaign id (optional)
        <input
          value={campaignId}
          onChange={(e) => setCampaignId(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      {release.error ? <p className="text-red-700">{release.error.message}</p> : null}
      <Button type="submit" disabled={release.isPending || !dates.trim() || !recipients}>
        Release
      </Button>
    </form>
  );
}

/**
 * The contact-centre reasons this message may cause, chosen while it is
 * written: the call analysis measures the release against these.
 */
function CallReasons(props: {
  communicationId: string;
  organizationId: string;
  mayChange: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mapped = useQuery(
    trpc.calls.communicationReasons.queryOptions({ communicationId: props.communicationId }),
  );
  const settings = useQuery(
    trpc.calls.settings.queryOptions({ organizationId: props.organizationId }),
  );
  if (!mapped.data || !settings.data) return null;
  const labels = new Map(settings.data.reasons.map((r) => [r.code, r.label]));
  return (
    <section
      aria-label="Calls this message may cause"
      className="space-y-1 border-t border-slate-200 pt-3 text-xs"
    >
      {props.mayChange ? (
        <ReasonMapping
          communicationId={props.communicationId}
          mapped={mapped.data}
          reasons={settings.data.reasons}
          onSaved={() =>
            queryClient.invalidateQueries({ queryKey: trpc.calls.communicationReasons.queryKey() })
          }
        />
      ) : (
        <p>
          <span className="font-medium">Calls this message may cause: </span>
          {mapped.data.length
            ? mapped.data.map((code) => labels.get(code) ?? code).join(", ")
            : "none chosen yet"}
        </p>
      )}
    </section>
  );
}
