"use client";
import { channelLabels } from "@conductor/core/labels";
import { channelValues } from "@conductor/core/schemas";
import { Button, Card } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { CallCost } from "./call-cost";
import { ImportHistory } from "./import-history";

/**
 * The reason codes calls are counted under, the attribution windows, what a
 * call costs, and recent imports.
 */
export function ReasonTaxonomy(props: {
  organizationId: string;
  canManage: boolean;
  /** Admins only: what a call costs. */
  canSetCost: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scope = { organizationId: props.organizationId };
  const settings = useQuery(trpc.calls.settings.queryOptions(scope));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.calls.settings.queryKey() });
  const save = useMutation(trpc.calls.saveReasons.mutationOptions({ onSuccess: refresh }));
  const setWindows = useMutation(trpc.calls.setWindows.mutationOptions({ onSuccess: refresh }));
  const [code, setCode] = useState("");
  const [label, setLabel] = useState("");
  const [failureDemand, setFailureDemand] = useState(false);
  if (!settings.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { reasons, windows, imports, cost } = settings.data;
  return (
    <div className="space-y-6">
      <Card title="Reason codes">
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Reason codes">
          {reasons.map((r) => (
            <li key={r.id} className="flex items-center gap-2 py-1">
              <code className="text-xs">{r.code}</code>
              <span>{r.label}</span>
              {r.failureDemand ? (
                <span className="ml-auto rounded bg-amber-50 px-1.5 text-xs text-amber-800">
                  failure demand
                </span>
              ) : null}
            </li>
          ))}
          {reasons.length === 0 ? (
            <li className="py-1 text-slate-600">No reason codes yet: add them before importing.</li>
          ) : null}
        </ul>
        {props.canManage ? (
          <form
            className="mt-3 grid grid-cols-[1fr_2fr] gap-2 text-sm"
            onSubmit={async (event) => {
              event.preventDefault();
              await save.mutateAsync({ ...scope, reasons: [{ code, label, failureDemand }] });
              setCode("");
              setLabel("");
              setFailureDemand(false);
            }}
          >
            <label className="text-xs font-medium text-slate-700">
              Code
              <input
                value={code}
                onChange={(e) => setCode(e.target.value)}
                className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
            <label className="text-xs font-medium text-slate-700">
              Label
              <input
                value={label}
                onChange={(e) => setLabel(e.target.value)}
                className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
            <label className="col-span-2 flex items-center gap-2 text-xs">
              <input
                type="checkbox"
                checked={failureDemand}
                onChange={(e) => setFailureDemand(e.target.checked)}
              />
              Failure demand (a call we caused by not getting it right first time)
            </label>
            {save.error ? (
              <p className="col-span-2 text-xs text-red-700">{save.error.message}</p>
            ) : null}
            <div className="col-span-2">
              <Button type="submit" busy={save.isPending} disabled={!code.trim() || !label.trim()}>
                Add or relabel the code
              </Button>
            </div>
          </form>
        ) : null}
      </Card>

      <Card title="Attribution windows">
        <p className="mb-2 text-xs text-slate-600">
          Calls in these many days from each send date count towards the message.
        </p>
        <form
          className="grid grid-cols-3 gap-2 text-sm"
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            setWindows.mutate({
              ...scope,
              days: Object.fromEntries(channelValues.map((c) => [c, Number(data.get(c))])),
            });
          }}
        >
          {channelValues.map((channel) => (
            <label key={channel} className="text-xs font-medium text-slate-700">
              {channelLabels[channel]}
              <input
                name={channel}
                type="number"
                min={1}
                max={60}
                defaultValue={windows[channel]}
                disabled={!props.canManage}
                className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
          ))}
          {props.canManage ? (
            <div className="col-span-3">
              <Button type="submit" variant="secondary" busy={setWindows.isPending}>
                Save windows
              </Button>
              {setWindows.error ? (
                <p className="text-xs text-red-700">{setWindows.error.message}</p>
              ) : null}
            </div>
          ) : null}
        </form>
      </Card>

      <CallCost organizationId={props.organizationId} cost={cost} canSet={props.canSetCost} />

      <ImportHistory imports={imports} canManage={props.canManage} />
    </div>
  );
}
