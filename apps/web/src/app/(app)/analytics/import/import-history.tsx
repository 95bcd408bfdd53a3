"use client";
import type { RouterOutputs } from "@conductor/api";
import { Alert, Badge, Button, Card } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDate, formatDateTime } from "~/components/format";
import { useTRPC } from "~/trpc/react";

type CallImport = RouterOutputs["calls"]["settings"]["imports"][number];

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/**
 * Recent imports; an analyst removes one after seeing what that changes:
 * the rows and calls it takes out, the earlier counts it puts back.
 */
export function ImportHistory(props: { imports: CallImport[]; canManage: boolean }) {
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <Card title="Recent imports">
      <ul className="space-y-2 text-xs text-slate-700" aria-label="Recent imports">
        {props.imports.map((i) => (
          <li key={i.id} data-import-id={i.id}>
            <div className="flex flex-wrap items-center gap-x-2">
              <span className={i.removedAt ? "text-slate-500 line-through" : undefined}>
                {formatDateTime(i.createdAt)} · {i.source === "FEED" ? "nightly feed" : "upload"}{" "}
                {i.fileName} · {i.rows.toLocaleString("en")} rows, {i.changed.toLocaleString("en")}{" "}
                new or changed
                {i.droppedColumns.length ? ` · dropped ${i.droppedColumns.join(", ")}` : ""}
              </span>
              {i.removedAt ? (
                <Badge>removed {formatDate(i.removedAt)}</Badge>
              ) : props.canManage && chosen !== i.id ? (
                <button
                  type="button"
                  className="text-red-700 underline"
                  onClick={() => setChosen(i.id)}
                >
                  Remove…
                </button>
              ) : null}
            </div>
            {chosen === i.id ? (
              <RemovalPlan importId={i.id} fileName={i.fileName} close={() => setChosen(null)} />
            ) : null}
          </li>
        ))}
        {props.imports.length === 0 ? <li>Nothing imported yet.</li> : null}
      </ul>
    </Card>
  );
}

function RemovalPlan(props: { importId: string; fileName: string; close: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const plan = useQuery(trpc.calls.importRemoval.queryOptions({ importId: props.importId }));
  const remove = useMutation(
    trpc.calls.removeImport.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.calls.settings.queryKey() });
        props.close();
      },
    }),
  );
  const effect = plan.data?.effect;
  return (
    <section
      aria-label={`Removing ${props.fileName}`}
      className="mt-2 rounded-md border border-red-200 bg-red-50/40 p-3 text-sm text-slate-800"
    >
      {plan.isPending ? <p className="text-slate-500">Working out what this changes…</p> : null}
      {plan.error ? (
        <Alert tone="error" title="Cannot work out the removal">
          {plan.error.message}
        </Alert>
      ) : null}
      {effect ? (
        <>
          <p className="font-medium">Removing “{props.fileName}” would:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5" aria-label="What the removal changes">
            <li>take out {count(effect.rowsRemoved, "row")} it added</li>
            <li>
              put {count(effect.rowsRestored, "count")} back to what an earlier import had set
            </li>
            {effect.rowsReturned ? (
              <li>bring back {count(effect.rowsReturned, "row")} it had replaced</li>
            ) : null}
            <li>
              change {count(effect.days, "day")}
              {effect.firstDay && effect.lastDay
                ? ` from ${formatDate(effect.firstDay)} to ${formatDate(effect.lastDay)}`
                : ""}
              {effect.reasons.length ? `, reasons ${effect.reasons.join(", ")}` : ""}
            </li>
            <li>
              calls: {effect.callsRemoved.toLocaleString("en")} out,{" "}
              {effect.callsRestored.toLocaleString("en")} back (net{" "}
              {(effect.callsRestored - effect.callsRemoved).toLocaleString("en", {
                signDisplay: "exceptZero",
              })}
              )
            </li>
            {effect.rowsLaterChanged ? (
              <li>
                leave {count(effect.rowsLaterChanged, "row")} a later import changed since as that
                import set them
              </li>
            ) : null}
          </ul>
          {remove.error ? (
            <p className="mt-2 text-xs text-red-700">{remove.error.message}</p>
          ) : null}
          <div className="mt-3 flex gap-2">
            <Button
              variant="danger"
              busy={remove.isPending}
              onClick={() => remove.mutate({ importId: props.importId })}
            >
              Remove this import
            </Button>
            <Button variant="ghost" onClick={props.close}>
              Keep it
            </Button>
          </div>
        </>
      ) : null}
      {plan.data && !effect ? <p>This import was already removed.</p> : null}
    </section>
  );
}
