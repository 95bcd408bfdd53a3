"use client";
import { channelLabels } from "@conductor/core/labels";
import { channelValues } from "@conductor/core/schemas";
import { Alert, Badge, Button, Card, TextAreaField, TextField } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fieldErrorsFrom, useTRPC } from "~/trpc/react";

const splitLines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** The organisation's personas: read by everyone, managed by comms managers and admins. */
export function PersonaLibrary(props: { organizationId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [showArchived, setShowArchived] = useState(false);
  const list = useQuery(
    trpc.personas.list.queryOptions({
      organizationId: props.organizationId,
      includeArchived: showArchived,
    }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.personas.list.queryKey() });
  const archive = useMutation(trpc.personas.archive.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.personas.delete.mutationOptions({ onSuccess: refresh }));
  const problem = archive.error ?? remove.error;

  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-3">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.target.checked)}
          />
          Show archived
        </label>
        {problem ? <Alert tone="error">{problem.message}</Alert> : null}
        {list.data?.map((persona) => (
          <Card key={persona.id} title={persona.name}>
            <section
              className="space-y-1 text-sm text-slate-800"
              aria-label={`Persona ${persona.name}`}
            >
              <p>{persona.vignette}</p>
              <p className="flex flex-wrap gap-1">
                <Badge>Reading grade {persona.readingGrade}</Badge>
                {persona.preferredChannel ? (
                  <Badge tone="accent">Prefers {channelLabels[persona.preferredChannel]}</Badge>
                ) : null}
                {persona.archivedAt ? <Badge tone="warning">Archived</Badge> : null}
              </p>
              {persona.needs.length ? <p>Needs: {persona.needs.join("; ")}</p> : null}
              {persona.feelings ? <p>Feels: {persona.feelings}</p> : null}
              {persona.beliefs ? <p>Believes: {persona.beliefs}</p> : null}
              {persona.accessibilityNeeds.length ? (
                <p>Accessibility: {persona.accessibilityNeeds.join("; ")}</p>
              ) : null}
              {props.canManage ? (
                <div className="flex gap-2 pt-2">
                  <Button
                    variant="secondary"
                    onClick={() =>
                      archive.mutate({
                        organizationId: props.organizationId,
                        personaId: persona.id,
                        archived: !persona.archivedAt,
                      })
                    }
                  >
                    {persona.archivedAt ? "Restore" : "Archive"}
                  </Button>
                  <Button
                    variant="danger"
                    onClick={() => {
                      if (window.confirm(`Delete the persona “${persona.name}”?`))
                        remove.mutate({
                          organizationId: props.organizationId,
                          personaId: persona.id,
                        });
                    }}
                  >
                    Delete
                  </Button>
                </div>
              ) : null}
            </section>
          </Card>
        ))}
      </div>
      {props.canManage ? (
        <NewPersona organizationId={props.organizationId} onCreated={refresh} />
      ) : (
        <Alert tone="info" title="Read only">
          Comms managers and admins keep the persona library.
        </Alert>
      )}
    </div>
  );
}

function NewPersona(props: { organizationId: string; onCreated(): void }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.personas.create.mutationOptions());
  const errors = fieldErrorsFrom(create.error);
  return (
    <Card title="New persona">
      <form
        className="space-y-3"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const text = (name: string) => String(form.get(name) ?? "");
          try {
            await create.mutateAsync({
              organizationId: props.organizationId,
              name: text("name"),
              vignette: text("vignette"),
              needs: splitLines(text("needs")),
              feelings: text("feelings"),
              beliefs: text("beliefs"),
              readingGrade: Number(text("readingGrade")),
              preferredChannel: (text("preferredChannel") || null) as
                | (typeof channelValues)[number]
                | null,
              accessibilityNeeds: splitLines(text("accessibilityNeeds")),
            });
            (event.target as HTMLFormElement).reset();
            props.onCreated();
          } catch {}
        }}
      >
        <TextField id="name" label="Name" error={errors.name} />
        <TextAreaField id="vignette" label="Vignette" error={errors.vignette} />
        <TextAreaField id="needs" label="Needs (one per line)" error={errors.needs} />
        <TextField id="feelings" label="What they feel now" error={errors.feelings} />
        <TextField id="beliefs" label="What they believe" error={errors.beliefs} />
        <TextField
          id="readingGrade"
          label="Reading grade"
          type="number"
          defaultValue="8"
          error={errors.readingGrade}
        />
        <label className="block text-sm font-medium text-slate-800">
          Preferred channel
          <select
            aria-label="Preferred channel"
            name="preferredChannel"
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 font-normal"
          >
            <option value="">No preference</option>
            {channelValues.map((c) => (
              <option key={c} value={c}>
                {channelLabels[c]}
              </option>
            ))}
          </select>
        </label>
        <TextAreaField
          id="accessibilityNeeds"
          label="Accessibility needs (one per line)"
          error={errors.accessibilityNeeds}
        />
        {create.error && Object.keys(errors).length === 0 ? (
          <Alert tone="error">{create.error.message}</Alert>
        ) : null}
        <Button type="submit" disabled={create.isPending}>
          Add persona
        </Button>
      </form>
    </Card>
  );
}
