"use client";
import { channelLabels } from "@conductor/core/labels";
import { channelValues, communicationFieldsSchema, fieldErrorsOf } from "@conductor/core/schemas";
import {
  Alert,
  Button,
  buttonClasses,
  Card,
  SelectField,
  TextAreaField,
  TextField,
} from "@conductor/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { fieldErrorsFrom, useTRPC } from "~/trpc/react";

export function CreateCommunicationForm({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const templates = useQuery(trpc.briefTemplates.list.queryOptions({ organizationId }));
  const create = useMutation(
    trpc.communications.create.mutationOptions({
      onSuccess: (created) => router.push(`/communications/${created.id}`),
      onError: (error) => setErrors(fieldErrorsFrom(error)),
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      title: String(form.get("title") ?? ""),
      channel: String(form.get("channel") ?? "") as (typeof channelValues)[number],
      audienceDescription: String(form.get("audienceDescription") ?? ""),
      briefTemplateId: String(form.get("briefTemplateId") ?? ""),
      plannedSendAt: String(form.get("plannedSendAt") ?? ""),
    };
    // The same schema the server uses: instant feedback, and the server still decides.
    const checked = communicationFieldsSchema.safeParse(values);
    if (!checked.success) {
      setErrors(fieldErrorsOf(checked.error));
      const first = checked.error.issues[0]?.path[0];
      if (typeof first === "string") document.getElementById(first)?.focus();
      return;
    }
    setErrors({});
    create.mutate({ organizationId, ...values });
  }

  const message = (field: string) => {
    const text = errors[field];
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : null;
  };

  return (
    <Card className="max-w-2xl">
      <form onSubmit={submit} noValidate className="space-y-5">
        {create.isError && Object.keys(errors).length === 0 ? (
          <Alert tone="error" title="The communication was not created">
            {create.error.message}
          </Alert>
        ) : null}
        <TextField
          id="title"
          label="Title"
          hint="What the team calls this message, e.g. “Payment received”."
          error={message("title")}
          maxLength={200}
        />
        <SelectField
          id="channel"
          label="Channel"
          defaultValue=""
          error={message("channel")}
          options={[
            { value: "", label: "Choose a channel" },
            ...channelValues.map((c) => ({ value: c, label: channelLabels[c] })),
          ]}
        />
        <SelectField
          id="briefTemplateId"
          label="Start the brief from"
          defaultValue=""
          error={message("briefTemplateId")}
          options={[
            { value: "", label: "An empty brief" },
            ...(templates.data ?? []).map((t) => ({
              value: t.id,
              label: `${t.name} — ${t.description}`,
            })),
          ]}
        />
        <TextAreaField
          id="audienceDescription"
          label="Audience"
          hint="Who receives it and what prompted it, e.g. “Customers whose payment just cleared”."
          error={message("audienceDescription")}
          maxLength={2000}
        />
        <TextField
          id="plannedSendAt"
          label="Planned send date (optional)"
          type="date"
          error={message("plannedSendAt")}
        />
        <div className="flex gap-3">
          <Button type="submit" busy={create.isPending}>
            {create.isPending ? "Creating…" : "Create communication"}
          </Button>
          <Link href="/communications" className={buttonClasses("ghost")}>
            Cancel
          </Link>
        </div>
      </form>
    </Card>
  );
}
