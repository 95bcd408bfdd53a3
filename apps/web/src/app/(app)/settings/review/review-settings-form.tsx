"use client";
import type { StageRule } from "@conductor/core";
import { functionLabels } from "@conductor/core/labels";
import { functionValues } from "@conductor/core/schemas";
import type { ReviewFunction } from "@conductor/db/enums";
import { Alert, Button, Card, SaveNotice } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "~/trpc/react";

type QuorumKind = StageRule["quorum"]["kind"];

const keyed = (rule: StageRule) => ({ key: crypto.randomUUID(), rule });

/** The review templates' stages (the default and any others), and the organisation's review rules. */
export function ReviewSettingsForm(props: { organizationId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scope = { organizationId: props.organizationId };
  const settings = useQuery(trpc.reviewSettings.get.queryOptions(scope));
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.reviewSettings.get.queryKey() });
  const saveTemplate = useMutation(
    trpc.reviewSettings.saveTemplate.mutationOptions({ onSuccess: refresh }),
  );
  const update = useMutation(trpc.reviewSettings.update.mutationOptions({ onSuccess: refresh }));
  /** The template being edited: its id, or "new" for one not saved yet; null = the default. */
  const [selected, setSelected] = useState<string | null>(null);
  const templates = settings.data?.templates ?? [];
  const fallback = templates.find((t) => t.isDefault) ?? null;
  const template =
    selected === "new" ? null : (templates.find((t) => t.id === selected) ?? fallback);
  const [name, setName] = useState("");
  const [makeDefault, setMakeDefault] = useState(true);
  // Each stage row keeps a key of its own, so typing a name does not remount it.
  const [rows, setRows] = useState<{ key: string; rule: StageRule }[]>([]);
  const stages = rows.map((row) => row.rule);
  const [minimumScore, setMinimumScore] = useState("60");
  const [forbidSelf, setForbidSelf] = useState(true);
  const [managersEdit, setManagersEdit] = useState(false);
  const [reasons, setReasons] = useState("");
  // Editing another template (or a new one, starting from the default's stages) loads its rows.
  useEffect(() => {
    if (!settings.data) return;
    const list = settings.data.templates;
    const base = list.find((t) => t.isDefault);
    const shown = selected === "new" ? null : (list.find((t) => t.id === selected) ?? base);
    setRows((shown ?? base)?.stages.map(keyed) ?? []);
    setName(shown?.name ?? "");
    setMakeDefault(shown?.isDefault ?? false);
  }, [settings.data, selected]);
  useEffect(() => {
    if (!settings.data) return;
    setMinimumScore(String(settings.data.minimumScore));
    setForbidSelf(settings.data.forbidSelfApproval);
    setManagersEdit(settings.data.commsManagersEditDuringReview);
    setReasons(settings.data.reviewReasonCodes.join(", "));
  }, [settings.data]);
  if (!settings.data || !fallback) return <p className="text-sm text-slate-500">Loading…</p>;
  const disabled = !props.canManage;
  const change = (index: number, next: Partial<StageRule>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, rule: { ...row.rule, ...next } } : row)));

  return (
    <div className="space-y-6">
      {disabled ? (
        <Alert title="Read only">
          Only comms managers and admins change the review set-up. You can see the stages, the
          minimum score and the reasons here; ask one of them for a change.
        </Alert>
      ) : null}
      <Card title="Review templates">
        <div className="mb-3 flex flex-wrap items-end gap-3 text-sm">
          <div>
            <label htmlFor="template-picker" className="text-xs font-medium text-slate-700">
              Template
            </label>
            <select
              id="template-picker"
              value={template?.id ?? "new"}
              onChange={(e) => setSelected(e.target.value)}
              className="mt-1 block rounded-md border border-slate-300 px-1 py-1"
            >
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                  {t.isDefault ? " (default)" : ""}
                </option>
              ))}
              {props.canManage ? <option value="new">New template…</option> : null}
            </select>
          </div>
          <div className="flex-1">
            <label htmlFor="template-name" className="text-xs font-medium text-slate-700">
              Name
            </label>
            <input
              id="template-name"
              value={name}
              disabled={disabled}
              onChange={(e) => setName(e.target.value)}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
            />
          </div>
          <label className="flex items-center gap-1 text-xs">
            <input
              type="checkbox"
              checked={makeDefault}
              disabled={disabled || Boolean(template?.isDefault)}
              onChange={(e) => setMakeDefault(e.target.checked)}
            />
            Default for new reviews
          </label>
        </div>
        <p className="mb-2 text-xs text-slate-600">
          The owner picks a template when submitting; without a choice the default applies.
        </p>
        <ol className="space-y-3">
          {rows.map(({ key, rule: stage }, index) => (
            <li
              key={key}
              aria-label={`Stage ${index + 1}`}
              className="rounded-md border border-slate-200 p-3 text-sm"
            >
              <div className="flex flex-wrap items-end gap-3">
                <label className="flex-1">
                  <span className="text-xs font-medium text-slate-700">Stage {index + 1} name</span>
                  <input
                    value={stage.name}
                    disabled={disabled}
                    onChange={(e) => change(index, { name: e.target.value })}
                    className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
                  />
                </label>
                <label>
                  <span className="text-xs font-medium text-slate-700">Quorum</span>
                  <select
                    aria-label={`Stage ${index + 1} quorum`}
                    value={stage.quorum.kind}
                    disabled={disabled}
                    onChange={(e) => {
                      const kind = e.target.value as QuorumKind;
                      change(index, {
                        quorum: kind === "count" ? { kind, count: 2 } : { kind },
                      });
                    }}
                    className="mt-1 block rounded-md border border-slate-300 px-1 py-1"
                  >
                    <option value="any">Any one member</option>
                    <option value="all-named">All named reviewers</option>
                    <option value="count">N members</option>
                  </select>
                </label>
                {stage.quorum.kind === "count" ? (
                  <label>
                    <span className="text-xs font-medium text-slate-700">N</span>
                    <input
                      type="number"
                      min={1}
                      max={20}
                      value={stage.quorum.count}
                      disabled={disabled}
                      onChange={(e) =>
                        change(index, { quorum: { kind: "count", count: Number(e.target.value) } })
                      }
                      className="mt-1 block w-16 rounded-md border border-slate-300 px-2 py-1"
                    />
                  </label>
                ) : null}
                <label>
                  <span className="text-xs font-medium text-slate-700">Due (business days)</span>
                  <input
                    type="number"
                    min={0}
                    max={60}
                    value={stage.dueBusinessDays}
                    disabled={disabled}
                    onChange={(e) => change(index, { dueBusinessDays: Number(e.target.value) })}
                    className="mt-1 block w-20 rounded-md border border-slate-300 px-2 py-1"
                  />
                </label>
                {props.canManage ? (
                  <Button
                    variant="secondary"
                    onClick={() => setRows(rows.filter((_, i) => i !== index))}
                  >
                    Remove stage {index + 1}
                  </Button>
                ) : null}
              </div>
              <fieldset className="mt-2 flex flex-wrap gap-3">
                <legend className="sr-only">Functions deciding in stage {index + 1}</legend>
                {functionValues.map((fn: ReviewFunction) => (
                  <label key={fn} className="flex items-center gap-1 text-xs">
                    <input
                      type="checkbox"
                      disabled={disabled}
                      checked={stage.functions.includes(fn)}
                      onChange={(e) =>
                        change(index, {
                          functions: e.target.checked
                            ? [...stage.functions, fn]
                            : stage.functions.filter((f) => f !== fn),
                        })
                      }
                    />
                    {functionLabels[fn]}
                  </label>
                ))}
              </fieldset>
            </li>
          ))}
          <li className="rounded-md border border-dashed border-slate-300 p-3 text-sm text-slate-600">
            {stages.length + 1}. Release by a comms manager (always last)
          </li>
        </ol>
        {props.canManage ? (
          <div className="mt-3 flex gap-2">
            <Button
              variant="secondary"
              onClick={() =>
                setRows([
                  ...rows,
                  keyed({
                    name: `Stage ${rows.length + 1}`,
                    functions: [],
                    quorum: { kind: "any" },
                    dueBusinessDays: 2,
                  }),
                ])
              }
            >
              Add a stage
            </Button>
            <Button
              busy={saveTemplate.isPending}
              onClick={() =>
                saveTemplate.mutate(
                  {
                    ...scope,
                    ...(template ? { templateId: template.id } : {}),
                    name,
                    stages,
                    makeDefault,
                  },
                  { onSuccess: (saved) => setSelected(saved.id) },
                )
              }
            >
              Save stages
            </Button>
          </div>
        ) : null}
        {saveTemplate.error ? (
          <SaveNotice tone="error" title="Not saved">
            {saveTemplate.error.message}
          </SaveNotice>
        ) : null}
        {saveTemplate.isSuccess ? (
          <SaveNotice>
            Saved. New submissions use these stages; reviews already under way keep theirs.
          </SaveNotice>
        ) : null}
      </Card>

      <Card title="Review rules">
        <form
          className="space-y-3 text-sm"
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate({
              ...scope,
              minimumScore: Number(minimumScore),
              forbidSelfApproval: forbidSelf,
              commsManagersEditDuringReview: managersEdit,
              reasonCodes: reasons
                .split(",")
                .map((r) => r.trim())
                .filter(Boolean),
            });
          }}
        >
          <label className="block">
            <span className="text-xs font-medium text-slate-700">
              Minimum clarity score (below it, submitting needs a written reason)
            </span>
            <input
              type="number"
              min={0}
              max={100}
              value={minimumScore}
              disabled={disabled}
              onChange={(e) => setMinimumScore(e.target.value)}
              className="mt-1 block w-24 rounded-md border border-slate-300 px-2 py-1"
            />
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={forbidSelf}
              disabled={disabled}
              onChange={(e) => setForbidSelf(e.target.checked)}
            />
            No one approves a review they submitted
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={managersEdit}
              disabled={disabled}
              onChange={(e) => setManagersEdit(e.target.checked)}
            />
            Comms managers may edit the text directly while a review is open (everyone else but the
            owner suggests)
          </label>
          <label className="block">
            <span className="text-xs font-medium text-slate-700">
              Reasons for requesting changes (comma-separated)
            </span>
            <input
              value={reasons}
              disabled={disabled}
              onChange={(e) => setReasons(e.target.value)}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
            />
          </label>
          {props.canManage ? (
            <Button type="submit" busy={update.isPending}>
              Save rules
            </Button>
          ) : null}
          {update.error ? (
            <SaveNotice tone="error" title="Not saved">
              {update.error.message}
            </SaveNotice>
          ) : null}
          {update.isSuccess ? (
            <SaveNotice>Saved. Review rules saved; they apply to decisions from now on.</SaveNotice>
          ) : null}
        </form>
      </Card>
    </div>
  );
}
