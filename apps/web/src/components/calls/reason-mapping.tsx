"use client";
import { Button } from "@conductor/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";

/**
 * Which reason codes a message is expected to drive: the call analysis
 * counts only these. Used on the analytics report card and beside the
 * editor, in the Review tab.
 */
export function ReasonMapping(props: {
  communicationId: string;
  mapped: string[];
  reasons: { code: string; label: string }[];
  onSaved(): void;
}) {
  const trpc = useTRPC();
  const save = useMutation(
    trpc.calls.setCommunicationReasons.mutationOptions({ onSuccess: props.onSaved }),
  );
  const [chosen, setChosen] = useState(props.mapped);
  return (
    <fieldset>
      <legend className="font-medium">Reasons this message may drive</legend>
      {props.reasons.length === 0 ? (
        <p className="text-slate-600">
          The organisation has no reason codes yet: an analyst adds them under Analytics.
        </p>
      ) : null}
      {props.reasons.map((reason) => (
        <label key={reason.code} className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={chosen.includes(reason.code)}
            onChange={(e) =>
              setChosen(
                e.target.checked
                  ? [...chosen, reason.code]
                  : chosen.filter((c) => c !== reason.code),
              )
            }
          />
          {reason.label}
        </label>
      ))}
      {props.reasons.length > 0 ? (
        <Button
          variant="secondary"
          busy={save.isPending}
          onClick={() =>
            save.mutate({ communicationId: props.communicationId, reasonCodes: chosen })
          }
        >
          Save reasons
        </Button>
      ) : null}
      {save.isSuccess && !save.isPending ? (
        <p role="status" className="text-slate-600">
          Saved.
        </p>
      ) : null}
      {save.error ? <p className="text-red-700">{save.error.message}</p> : null}
    </fieldset>
  );
}
