"use client";
import { functionLabels } from "@conductor/core/labels";
import { briefContentSchema } from "@conductor/core/schemas";
import { Button } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { BriefForm, type PersonaChoice } from "~/components/brief/brief-form";
import { useTRPC } from "~/trpc/react";

/**
 * The organisation's brief templates. Comms managers and admins edit them;
 * a change applies to communications created afterwards (a brief already
 * started from a template keeps its own revisions).
 */
export function TemplateLibrary(props: { organizationId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scope = { organizationId: props.organizationId };
  const templates = useQuery(trpc.briefTemplates.list.queryOptions(scope));
  const personas = useQuery(trpc.personas.list.queryOptions(scope));
  const update = useMutation(
    trpc.briefTemplates.update.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.briefTemplates.list.queryKey() }),
    }),
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [description, setDescription] = useState("");

  if (!templates.data) return <p className="text-sm text-slate-500">Loading templates…</p>;
  return (
    <div className="space-y-4">
      {props.canManage ? (
        <NewTemplate organizationId={props.organizationId} personas={personas.data ?? []} />
      ) : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {templates.data.map((template) => (
          <li key={template.id}>
            <section
              aria-label={`Template ${template.name}`}
              className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
            >
              <div className="flex items-start justify-between gap-2">
                <div>
                  <h2 className="font-semibold text-slate-900">{template.name}</h2>
                  <p className="text-slate-600">{template.description}</p>
                </div>
                {props.canManage && editing !== template.id ? (
                  <Button
                    variant="secondary"
                    onClick={() => {
                      update.reset();
                      setDescription(template.description);
                      setEditing(template.id);
                    }}
                  >
                    Edit
                  </Button>
                ) : null}
              </div>
              {editing === template.id ? (
                <div className="mt-3 space-y-2">
                  <label className="block">
                    <span className="text-xs font-medium text-slate-700">Description</span>
                    <input
                      value={description}
                      onChange={(e) => setDescription(e.target.value)}
                      className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
                    />
                  </label>
                  <BriefForm
                    initial={template.content}
                    personas={personas.data ?? []}
                    channel={null}
                    submitLabel="Save template"
                    error={update.error?.message ?? null}
                    busy={update.isPending}
                    onCancel={() => setEditing(null)}
                    onSubmit={async (content) => {
                      await update.mutateAsync({
                        ...scope,
                        templateId: template.id,
                        description,
                        content,
                      });
                      setEditing(null);
                    }}
                  />
                </div>
              ) : (
                <dl className="mt-3 space-y-1">
                  <div>
                    <dt className="inline text-slate-500">Outcome: </dt>
                    <dd className="inline">{template.content.desiredOutcome || "not set"}</dd>
                  </div>
                  <div>
                    <dt className="inline text-slate-500">Tone: </dt>
                    <dd className="inline">
                      {template.content.tone.style} · warmth {template.content.tone.warmth} ·
                      formality {template.content.tone.formality} · urgency{" "}
                      {template.content.tone.urgency}
                    </dd>
                  </div>
                  {template.content.mustSay.length > 0 ? (
                    <div>
                      <dt className="inline text-slate-500">Must say: </dt>
                      <dd className="inline">
                        {template.content.mustSay
                          .map((f) => `${f.text} (${functionLabels[f.owner]})`)
                          .join("; ")}
                      </dd>
                    </div>
                  ) : null}
                  {template.content.likelyQuestions.length > 0 ? (
                    <div>
                      <dt className="inline text-slate-500">Questions: </dt>
                      <dd className="inline">{template.content.likelyQuestions.join(" · ")}</dd>
                    </div>
                  ) : null}
                </dl>
              )}
            </section>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A template of the organisation's own, started blank; it joins "Start the brief from" at once. */
function NewTemplate(props: { organizationId: string; personas: PersonaChoice[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.briefTemplates.create.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.briefTemplates.list.queryKey() }),
    }),
  );
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  if (!open)
    return (
      <div className="flex items-center gap-3">
        <Button
          onClick={() => {
            create.reset();
            setName("");
            setDescription("");
            setSaved(null);
            setOpen(true);
          }}
        >
          New template
        </Button>
        {saved ? (
          <p role="status" className="text-sm text-emerald-800">
            Added “{saved}”.
          </p>
        ) : null}
      </div>
    );
  const nameError = create.error?.data?.fieldErrors?.name ?? null;
  return (
    <section
      aria-label="New brief template"
      className="space-y-2 rounded-lg border border-indigo-200 bg-white p-4 text-sm shadow-sm"
    >
      <h2 className="font-semibold text-slate-900">New brief template</h2>
      <label className="block">
        <span className="text-xs font-medium text-slate-700">Name</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? "new-template-name-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      {nameError ? (
        <p id="new-template-name-error" className="text-xs text-red-700">
          {nameError}
        </p>
      ) : null}
      <label className="block">
        <span className="text-xs font-medium text-slate-700">Description</span>
        <input
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      <BriefForm
        initial={briefContentSchema.parse({})}
        personas={props.personas}
        channel={null}
        submitLabel="Create template"
        error={create.error && !nameError ? create.error.message : null}
        busy={create.isPending}
        onCancel={() => setOpen(false)}
        onSubmit={async (content) => {
          const template = await create.mutateAsync({
            organizationId: props.organizationId,
            name,
            description,
            content,
          });
          setSaved(template.name);
          setOpen(false);
        }}
      />
    </section>
  );
}
