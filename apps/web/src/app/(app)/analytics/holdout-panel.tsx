"use client";
import type { RouterOutputs } from "@conductor/api";
import { Button, TextField } from "@conductor/ui";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { fieldErrorsFrom, useTRPC } from "~/trpc/react";

type HoldoutReport = NonNullable<
  RouterOutputs["calls"]["dashboard"]["analysis"]["releases"][number]["holdout"]
>;

const figure = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "1–10";

/**
 * A release's holdout group: what the comparison found, and (for those who
 * may map reasons) the form saying how the call data tells the groups apart.
 */
export function HoldoutPanel(props: {
  communicationId: string;
  releaseId: string;
  recipients: number;
  holdout: HoldoutReport | null;
  mayChange: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState(false);
  const save = useMutation(
    trpc.calls.setHoldout.mutationOptions({
      onSuccess: () => {
        setErrors({});
        setEditing(false);
        router.refresh();
      },
      onError: (error) => setErrors(fieldErrorsFrom(error)),
    }),
  );
  const h = props.holdout;
  const id = (field: string) => `${field}-${props.releaseId}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      communicationId: props.communicationId,
      releaseId: props.releaseId,
      holdout: {
        sentSegment: String(form.get(id("sentSegment")) ?? ""),
        heldOutSegment: String(form.get(id("heldOutSegment")) ?? ""),
        heldOut: Number(form.get(id("heldOut")) ?? ""),
      },
    });
  }

  return (
    <section aria-label="Holdout group" className="max-w-md space-y-1">
      <h4 className="font-medium">Holdout group</h4>
      {h ? (
        <div data-holdout>
          <p>
            Segment “{h.sentSegment}” ({figure(props.recipients)} sent it) against “
            {h.heldOutSegment}” ({figure(h.heldOut)} held back).
          </p>
          {h.daysWithData === 0 ? (
            <p className="text-slate-600">
              No calls recorded for either segment over the window yet.
            </p>
          ) : (
            <p>
              {figure(h.sentCalls)} calls against {figure(h.heldOutCalls)}:{" "}
              {h.perThousand
                ? `${figure(h.perThousand.estimate, 2)} more per 1,000 customers (${figure(h.perThousand.low, 2)} to ${figure(h.perThousand.high, 2)})`
                : "difference hidden (a group has 1–10 calls)"}
              {h.ratio
                ? `; rate ratio ${figure(h.ratio.estimate, 2)} (${figure(h.ratio.low, 2)} to ${figure(h.ratio.high, 2)})`
                : ""}
              .
            </p>
          )}
        </div>
      ) : (
        <p className="text-slate-600">
          None recorded: the excess is measured against the message’s own baseline.
        </p>
      )}
      {props.mayChange && !editing ? (
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {h ? "Change holdout" : "Record a holdout group"}
          </Button>
          {h ? (
            <Button
              variant="secondary"
              busy={save.isPending}
              onClick={() =>
                save.mutate({
                  communicationId: props.communicationId,
                  releaseId: props.releaseId,
                  holdout: null,
                })
              }
            >
              Remove holdout
            </Button>
          ) : null}
        </div>
      ) : null}
      {props.mayChange && editing ? (
        <form onSubmit={submit} className="space-y-2" noValidate>
          <TextField
            id={id("sentSegment")}
            label="Segment of customers sent it"
            hint="As the call data spells it, e.g. “mailed”."
            defaultValue={h?.sentSegment ?? ""}
            error={errors["holdout.sentSegment"]}
          />
          <TextField
            id={id("heldOutSegment")}
            label="Segment of customers held back"
            defaultValue={h?.heldOutSegment ?? ""}
            error={errors["holdout.heldOutSegment"]}
          />
          <TextField
            id={id("heldOut")}
            label="Customers held back"
            type="number"
            min={1}
            defaultValue={h?.heldOut ?? ""}
            error={errors["holdout.heldOut"]}
          />
          <div className="flex gap-2">
            <Button type="submit" busy={save.isPending}>
              Save holdout
            </Button>
            <Button variant="secondary" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
          {save.error && Object.keys(errors).length === 0 ? (
            <p className="text-red-700">{save.error.message}</p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
