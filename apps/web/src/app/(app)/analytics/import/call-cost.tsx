"use client";
import { Button, Card, SaveNotice } from "@conductor/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { money } from "~/components/calls/figures";
import { fieldErrorsFrom, useTRPC } from "~/trpc/react";

/**
 * What one customer call costs the organisation: the predicted calls beside
 * Submit, each stage's decision and the release are priced with it. Admins
 * set it (an empty amount clears it); everyone else sees it.
 */
export function CallCost(props: {
  organizationId: string;
  cost: { costPerCall: number | null; currency: string };
  canSet: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setCost = useMutation(
    trpc.calls.setCost.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.calls.settings.queryKey() });
        // Every prediction on screen prices its calls with it.
        await queryClient.invalidateQueries({ queryKey: trpc.calls.prediction.queryKey() });
      },
    }),
  );
  const [amount, setAmount] = useState(props.cost.costPerCall?.toString() ?? "");
  const [currency, setCurrency] = useState(props.cost.currency);
  const { costPerCall } = props.cost;
  return (
    <Card title="Cost of a call">
      <p className="mb-2 text-xs text-slate-600" data-testid="call-cost-in-force">
        {costPerCall === null
          ? "Not set: predicted calls are shown without a cost."
          : `${money(costPerCall, props.cost.currency)} a call: predicted calls are priced with it.`}
      </p>
      {props.canSet ? (
        <form
          aria-label="Cost of a call"
          className="flex flex-wrap items-end gap-2 text-sm"
          onSubmit={(event) => {
            event.preventDefault();
            setCost.mutate({
              organizationId: props.organizationId,
              costPerCall: amount.trim() === "" ? null : Number(amount),
              currency: currency.trim().toUpperCase(),
            });
          }}
        >
          <label className="text-xs font-medium text-slate-700">
            Cost per call
            <input
              type="number"
              min={0}
              step={0.01}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              className="mt-1 block w-32 rounded-md border border-slate-300 px-2 py-1"
            />
          </label>
          <label className="text-xs font-medium text-slate-700">
            Currency
            <input
              value={currency}
              maxLength={3}
              onChange={(e) => setCurrency(e.target.value)}
              className="mt-1 block w-20 rounded-md border border-slate-300 px-2 py-1 uppercase"
            />
          </label>
          <Button type="submit" variant="secondary" busy={setCost.isPending}>
            Save cost
          </Button>
        </form>
      ) : (
        <p className="text-xs text-slate-600">Only an organisation admin sets what a call costs.</p>
      )}
      {setCost.error ? (
        <SaveNotice tone="error" title="Not saved">
          {Object.values(fieldErrorsFrom(setCost.error)).join(" ") || setCost.error.message}
        </SaveNotice>
      ) : null}
    </Card>
  );
}
