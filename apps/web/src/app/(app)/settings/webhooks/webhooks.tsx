"use client";
import { webhookDeliveryStatusLabels, webhookEventLabels } from "@conductor/core/labels";
import { webhookEventValues } from "@conductor/core/schemas";
import { Alert, Badge, type BadgeTone, Button, Card, EmptyState, SaveNotice } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "~/components/format";
import { useTRPC } from "~/trpc/react";

type Event = (typeof webhookEventValues)[number];

const tones: Record<keyof typeof webhookDeliveryStatusLabels, BadgeTone> = {
  QUEUED: "info",
  DELIVERED: "success",
  FAILED: "danger",
};

/**
 * Add a webhook (its signing secret is shown once, here), delete one, and
 * read each one's latest deliveries with the receiver's answers.
 */
export function Webhooks({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hooks = useQuery(trpc.webhooks.list.queryOptions({ organizationId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
  const create = useMutation(trpc.webhooks.create.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<Event[]>([...webhookEventValues]);
  return (
    <div className="space-y-6">
      <Card title="Add a webhook">
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate(
              { organizationId, name, url, events },
              {
                onSuccess: () => {
                  setName("");
                  setUrl("");
                },
              },
            );
          }}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <label className="text-sm">
              <span className="text-xs font-medium text-slate-700">Name</span>
              <input
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder="Slack #reviews"
                className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
            <label className="text-sm">
              <span className="text-xs font-medium text-slate-700">Receiver's address</span>
              <input
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                placeholder="https://hooks.slack.com/…"
                className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
          </div>
          <fieldset className="text-sm">
            <legend className="text-xs font-medium text-slate-700">Tell it when</legend>
            <div className="mt-1 flex flex-wrap gap-4">
              {webhookEventValues.map((value) => (
                <label key={value} className="flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    checked={events.includes(value)}
                    onChange={(e) =>
                      setEvents((now) =>
                        e.target.checked ? [...now, value] : now.filter((v) => v !== value),
                      )
                    }
                  />
                  {webhookEventLabels[value]}
                </label>
              ))}
            </div>
          </fieldset>
          <Button type="submit" busy={create.isPending} disabled={!name.trim() || !url.trim()}>
            Add webhook
          </Button>
          {create.error ? (
            <SaveNotice tone="error" title="Not added">
              {create.error.message}
            </SaveNotice>
          ) : null}
        </form>
        {create.data ? (
          <div className="mt-3">
            <SaveNotice
              title={`Signing secret for ${create.data.name} — copy it now, it is not shown again`}
            >
              <code data-webhook-secret className="break-all">
                {create.data.secret}
              </code>
              <p className="mt-1 text-xs">
                Each delivery carries <code>X-Conductor-Timestamp</code> and{" "}
                <code>X-Conductor-Signature: v1=</code>HMAC-SHA256(secret, timestamp + "." + body),
                in hex.
              </p>
            </SaveNotice>
          </div>
        ) : null}
      </Card>
      {hooks.error ? <Alert tone="error">{hooks.error.message}</Alert> : null}
      {hooks.data?.length === 0 ? (
        <EmptyState title="No webhooks yet">
          Add one to post review events to a chat channel or another system.
        </EmptyState>
      ) : null}
      {hooks.data?.map((hook) => (
        <Card key={hook.id} title={hook.name}>
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <code className="break-all">{hook.url}</code>
            <span>· made {formatDateTime(hook.createdAt)}</span>
            <span className="ml-auto">
              <Button
                variant="danger"
                busy={remove.isPending}
                onClick={() => remove.mutate({ organizationId, webhookId: hook.id })}
              >
                Delete {hook.name}
              </Button>
            </span>
          </p>
          <p className="mt-1 text-xs text-slate-500">
            {hook.events.map((e) => webhookEventLabels[e]).join(" · ")}
          </p>
          <h3 className="mt-3 text-sm font-medium">Latest deliveries</h3>
          {hook.deliveries.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing sent yet.</p>
          ) : (
            <ul className="mt-1 divide-y divide-slate-100 text-sm">
              {hook.deliveries.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center gap-2 py-1.5">
                  <Badge tone={tones[d.status]}>{webhookDeliveryStatusLabels[d.status]}</Badge>
                  <span>{webhookEventLabels[d.event]}</span>
                  <span className="text-xs text-slate-500">
                    {formatDateTime(d.createdAt)} · {d.attempts} attempt
                    {d.attempts === 1 ? "" : "s"}
                    {d.lastStatus ? ` · answered ${d.lastStatus}` : ""}
                  </span>
                  {d.status === "FAILED" ? (
                    <span className="ml-auto">
                      <RetryDelivery
                        organizationId={organizationId}
                        deliveryId={d.id}
                        onQueued={refresh}
                      />
                    </span>
                  ) : null}
                  {d.lastError ? (
                    <span className="w-full text-xs text-red-700">{d.lastError}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      ))}
    </div>
  );
}

/** "Send again" on a failed delivery (admins): queued with fresh attempts, the log reloaded. */
function RetryDelivery(props: {
  organizationId: string;
  deliveryId: string;
  onQueued: () => void;
}) {
  const trpc = useTRPC();
  const retry = useMutation(
    trpc.webhooks.retryDelivery.mutationOptions({ onSuccess: props.onQueued }),
  );
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Button
        variant="secondary"
        disabled={retry.isPending || retry.isSuccess}
        onClick={() =>
          retry.mutate({ organizationId: props.organizationId, deliveryId: props.deliveryId })
        }
      >
        {retry.isPending ? "Sending again…" : retry.isSuccess ? "Queued again" : "Send again"}
      </Button>
      {retry.error ? <Alert tone="error">{retry.error.message}</Alert> : null}
    </span>
  );
}
