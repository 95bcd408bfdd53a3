"use client";
import { mailDeliveryLabels, notificationKindLabels } from "@conductor/core/labels";
import { mailDeliveryValues } from "@conductor/core/schemas";
import { Alert, Card, SaveNotice, SelectField } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

/** One choice per kind: email at once, in the daily digest, or not at all. */
export function EmailPreferences({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preferences = useQuery(trpc.mail.preferences.queryOptions({ organizationId }));
  const save = useMutation(
    trpc.mail.setPreference.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.mail.preferences.queryKey() }),
    }),
  );
  if (preferences.error) return <Alert tone="error">{preferences.error.message}</Alert>;
  if (!preferences.data) return <p className="text-sm text-slate-500">Loading…</p>;
  return (
    <Card title={`Emails to ${preferences.data.email}`}>
      {save.error ? <SaveNotice tone="error">{save.error.message}</SaveNotice> : null}
      {save.isSuccess ? <SaveNotice>Saved.</SaveNotice> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {preferences.data.kinds.map(({ kind, delivery }) => (
          <SelectField
            key={kind}
            id={`mail-${kind}`}
            label={notificationKindLabels[kind]}
            value={delivery}
            disabled={save.isPending}
            options={mailDeliveryValues.map((value) => ({
              value,
              label: mailDeliveryLabels[value],
            }))}
            onChange={(event) =>
              save.mutate({
                organizationId,
                kind,
                delivery: event.target.value as (typeof mailDeliveryValues)[number],
              })
            }
          />
        ))}
      </div>
    </Card>
  );
}
