"use client";
import type { RouterOutputs } from "@conductor/api";
import { Button } from "@conductor/ui";
import { useMutation } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { reasonOf } from "./review-words";

/**
 * Submits the live draft: saved as a version through the collaboration
 * server (which answers with its id), then frozen for the reviewers. Below
 * the minimum score the server asks for a reason first.
 */
export function SubmitForReview(props: {
  communicationId: string;
  /** A review is under way: this submission replaces the version under review. */
  open: boolean;
  templates: RouterOutputs["reviews"]["current"]["templates"];
  /** The predicted calls, shown beside the button. */
  prediction: ReactNode;
  saveVersion(name: string): Promise<{ id: string; number: number }>;
  onDone(): Promise<void>;
}) {
  const { open } = props;
  const trpc = useTRPC();
  const submit = useMutation(trpc.reviews.submit.mutationOptions());
  const [override, setOverride] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The template a new review follows; "" = the organisation's default. */
  const [templateId, setTemplateId] = useState("");

  const submitDraft = async () => {
    setBusy(true);
    setError(null);
    try {
      const version = await props.saveVersion(
        open ? "Resubmitted for review" : "Submitted for review",
      );
      await submit.mutateAsync({
        communicationId: props.communicationId,
        versionId: version.id,
        overrideReason: override ?? undefined,
        ...(!open && templateId ? { templateId } : {}),
      });
      setOverride(null);
      await props.onDone();
    } catch (caught) {
      if (reasonOf(caught) === "OVERRIDE_REQUIRED") setOverride(override ?? "");
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="Submit for review" className="space-y-2 border-t border-slate-200 pt-3">
      <p className="text-xs text-slate-600">
        {open
          ? "Submitting again saves the draft as a new version; decisions on the earlier version are superseded and the review starts again at stage 1."
          : "Submitting saves the draft as a version and freezes it, with the brief in force and its score, for the reviewers."}
      </p>
      {!open && props.templates.length > 1 ? (
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
            {props.templates.map((t) => (
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
      {props.prediction}
      {error ? <p className="text-xs text-red-700">{error}</p> : null}
      <Button onClick={submitDraft} disabled={busy || (override !== null && !override.trim())}>
        {open ? "Submit the new version" : "Submit for review"}
      </Button>
    </section>
  );
}
