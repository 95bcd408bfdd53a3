"use client";
import { dimensionLabels, ruleSetSourceLabels } from "@conductor/core/labels";
import {
  applyRuleSetChange,
  type EffectiveRuleSet,
  effectiveRuleSet,
  type RuleSetChange,
  type RuleSetFieldChange,
  ruleSetChanges,
} from "@conductor/core/scoring";
import { type Dimension, type RuleSet, ruleDefinitions, type Severity } from "@conductor/rules";
import { Alert, Badge, type BadgeTone, Button, Card, SaveNotice } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { fieldErrorsFrom, useTRPC } from "~/trpc/react";

const severities: Severity[] = ["error", "warning", "suggestion"];
const severityTone: Record<Severity, BadgeTone> = {
  error: "danger",
  warning: "warning",
  suggestion: "info",
};
const dimensions = Object.keys(dimensionLabels) as Dimension[];
const thresholdLabels = {
  maxSentenceWords: "Longest sentence (words; blank: by channel)",
  targetGrade: "Reading grade target",
  maxParagraphSentences: "Sentences per paragraph",
  maxParagraphWords: "Words per paragraph",
  maxSmsSegments: "SMS segments",
  maxSubjectCharacters: "Subject line characters",
} as const;
type ThresholdName = keyof typeof thresholdLabels;
const thresholdNames = Object.keys(thresholdLabels) as ThresholdName[];

/** What the form edits: the rules' switches as they are, numbers as typed. */
interface Draft {
  rules: EffectiveRuleSet["rules"];
  weights: Record<Dimension, string>;
  thresholds: Record<ThresholdName, string>;
}

const draftOf = (effective: EffectiveRuleSet): Draft => ({
  rules: effective.rules,
  weights: Object.fromEntries(
    dimensions.map((d) => [d, String(effective.weights[d])]),
  ) as Draft["weights"],
  thresholds: Object.fromEntries(
    thresholdNames.map((t) => [
      t,
      effective.thresholds[t] === null ? "" : String(effective.thresholds[t]),
    ]),
  ) as Draft["thresholds"],
});

/** Only what the admin moved, in the rule set's shape: what the adopt use case takes. */
function changeOf(inForce: EffectiveRuleSet, draft: Draft): RuleSetChange {
  const change: RuleSetChange = {};
  for (const [id, rule] of Object.entries(draft.rules)) {
    const was = inForce.rules[id];
    const moved = {
      ...(rule.enabled !== was?.enabled ? { enabled: rule.enabled } : {}),
      ...(rule.severity !== was?.severity ? { severity: rule.severity } : {}),
    };
    if (Object.keys(moved).length) change.rules = { ...change.rules, [id]: moved };
  }
  for (const d of dimensions) {
    const value = Number(draft.weights[d]);
    if (draft.weights[d].trim() !== "" && value !== inForce.weights[d])
      change.weights = { ...change.weights, [d]: value };
  }
  for (const t of thresholdNames) {
    const typed = draft.thresholds[t].trim();
    // Blank leaves the value in force: a threshold is never "unset" here.
    if (typed !== "" && Number(typed) !== inForce.thresholds[t])
      change.thresholds = { ...change.thresholds, [t]: Number(typed) };
  }
  return change;
}

/** A changed value as people read it. */
function shown(value: unknown): string {
  if (value === null || value === undefined) return "default";
  if (typeof value === "boolean") return value ? "on" : "off";
  if (Array.isArray(value)) return `${value.length} entr${value.length === 1 ? "y" : "ies"}`;
  return String(value);
}

const ruleTitles = new Map<string, string>(ruleDefinitions.map((r) => [r.id, r.title]));

/** "rules.plain.legalese.enabled" → "Legal jargon: on/off". */
function fieldLabel(field: string): string {
  const rule = /^rules\.(.+)\.(enabled|severity)$/.exec(field);
  if (rule?.[1] && rule[2])
    return `${ruleTitles.get(rule[1]) ?? rule[1]} (${rule[2] === "enabled" ? "on/off" : "severity"})`;
  const [group, name] = field.split(".");
  if (group === "weights" && name) return `Weight: ${dimensionLabels[name as Dimension] ?? name}`;
  if (group === "thresholds" && name) return thresholdLabels[name as ThresholdName] ?? name;
  return field;
}

function ChangeList({ changes }: { changes: RuleSetFieldChange[] }) {
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-700">
      {changes.map((c) => (
        <li key={c.field}>
          {fieldLabel(c.field)}: <span className="text-slate-500">{shown(c.from)}</span> →{" "}
          <span className="font-medium">{shown(c.to)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Settings → Rules: the rule set in force, its history, and (admins) adopting a change. */
export function RuleSetForm(props: { organizationId: string; canAdopt: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scope = { organizationId: props.organizationId };
  const current = useQuery(trpc.ruleSets.current.queryOptions(scope));
  const history = useQuery(trpc.ruleSets.history.queryOptions(scope));
  const inForceSet: RuleSet = current.data?.ruleSet ?? {};
  const inForce = useMemo(() => effectiveRuleSet(inForceSet), [inForceSet]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [reason, setReason] = useState("");
  useEffect(() => {
    if (current.data) setDraft(draftOf(effectiveRuleSet(current.data.ruleSet ?? {})));
  }, [current.data]);
  const adopt = useMutation(
    trpc.ruleSets.adopt.mutationOptions({
      onSuccess: () => {
        setReason("");
        void queryClient.invalidateQueries({ queryKey: trpc.ruleSets.current.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.ruleSets.history.queryKey() });
      },
    }),
  );
  if (!current.data || !draft) return <p className="text-sm text-slate-500">Loading…</p>;
  const disabled = !props.canAdopt || adopt.isPending;
  const change = changeOf(inForce, draft);
  // The preview uses the same functions the use case measures and audits with.
  let pending: RuleSetFieldChange[] = [];
  let invalid: string | null = null;
  try {
    pending = ruleSetChanges(inForceSet, applyRuleSetChange(inForceSet, change));
  } catch (error) {
    invalid = error instanceof Error ? error.message : "Some values cannot be used";
  }
  const errors = fieldErrorsFrom(adopt.error);
  const version = current.data.version;
  const setRule = (id: string, next: Partial<{ enabled: boolean; severity: Severity }>) =>
    setDraft({ ...draft, rules: { ...draft.rules, [id]: { ...draft.rules[id]!, ...next } } });

  return (
    <div className="space-y-6">
      {props.canAdopt ? null : (
        <Alert title="Read only">
          Only an organisation admin adopts a change to the clarity rules. You can see the rules in
          force and every change made to them.
        </Alert>
      )}
      <Card title="In force">
        <p className="text-sm text-slate-700" data-testid="rule-set-in-force">
          {version ? (
            <>
              Version {version.number}, adopted by {version.adoptedBy.name} on{" "}
              {new Date(version.adoptedAt).toLocaleString("en-GB")} (
              {ruleSetSourceLabels[version.source]}): “{version.reason}”
            </>
          ) : (
            "The product's defaults: no change has been adopted yet."
          )}
        </p>
        <p className="mt-1 text-xs text-slate-500">
          Rules <span data-testid="rules-version">{current.data.rulesVersion}</span>
        </p>
      </Card>

      <Card title="Rules">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
              <th className="py-1 pr-2 font-medium">Rule</th>
              <th className="py-1 pr-2 font-medium">Dimension</th>
              <th className="py-1 pr-2 font-medium">On</th>
              <th className="py-1 font-medium">Severity</th>
            </tr>
          </thead>
          <tbody>
            {ruleDefinitions.map((rule) => {
              const value = draft.rules[rule.id] ?? { enabled: true, severity: rule.severity };
              const moved =
                value.enabled !== inForce.rules[rule.id]?.enabled ||
                value.severity !== inForce.rules[rule.id]?.severity;
              return (
                <tr
                  key={rule.id}
                  className={moved ? "bg-amber-50" : "border-b border-slate-100"}
                  aria-label={rule.title}
                >
                  <td className="py-1.5 pr-2">
                    <span
                      className={value.enabled ? "text-slate-900" : "text-slate-400 line-through"}
                    >
                      {rule.title}
                    </span>
                    <span className="ml-2 text-xs text-slate-500">{rule.id}</span>
                  </td>
                  <td className="py-1.5 pr-2 text-xs text-slate-600">
                    {dimensionLabels[rule.dimension]}
                  </td>
                  <td className="py-1.5 pr-2">
                    <input
                      type="checkbox"
                      aria-label={`${rule.title} on`}
                      checked={value.enabled}
                      disabled={disabled}
                      onChange={(e) => setRule(rule.id, { enabled: e.target.checked })}
                    />
                  </td>
                  <td className="py-1.5">
                    {props.canAdopt ? (
                      <select
                        aria-label={`${rule.title} severity`}
                        value={value.severity}
                        disabled={disabled}
                        onChange={(e) => setRule(rule.id, { severity: e.target.value as Severity })}
                        className="rounded-md border border-slate-300 px-1 py-0.5 text-xs"
                      >
                        {severities.map((s) => (
                          <option key={s} value={s}>
                            {s}
                            {s === rule.severity ? " (default)" : ""}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <Badge tone={severityTone[value.severity]}>{value.severity}</Badge>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Dimension weights">
          <p className="mb-2 text-xs text-slate-600">
            How much each dimension counts in the score, from 0 to 1 (normalised over the dimensions
            a message has).
          </p>
          {dimensions.map((d) => (
            <label key={d} className="mb-2 flex items-center justify-between gap-2 text-sm">
              {dimensionLabels[d]}
              <input
                type="number"
                step="0.05"
                min={0}
                max={1}
                value={draft.weights[d]}
                disabled={disabled}
                onChange={(e) =>
                  setDraft({ ...draft, weights: { ...draft.weights, [d]: e.target.value } })
                }
                className="w-24 rounded-md border border-slate-300 px-2 py-0.5 text-right"
              />
            </label>
          ))}
          {errors["change.weights"] ? (
            <p className="text-xs text-red-700">{errors["change.weights"]}</p>
          ) : null}
        </Card>
        <Card title="Thresholds">
          {thresholdNames.map((t) => (
            <label key={t} className="mb-2 flex items-center justify-between gap-2 text-sm">
              {thresholdLabels[t]}
              <input
                type="number"
                value={draft.thresholds[t]}
                disabled={disabled}
                onChange={(e) =>
                  setDraft({ ...draft, thresholds: { ...draft.thresholds, [t]: e.target.value } })
                }
                className="w-24 rounded-md border border-slate-300 px-2 py-0.5 text-right"
              />
            </label>
          ))}
          <p className="text-xs text-slate-600">
            {inForce.bannedPhrases.length} banned phrase(s), {inForce.requiredPhrases.length}{" "}
            required phrase(s) and {inForce.terms.length} term(s) in force.
          </p>
        </Card>
      </div>

      {props.canAdopt ? (
        <Card title="Adopt a change">
          {invalid ? (
            <Alert tone="error">{invalid}</Alert>
          ) : pending.length ? (
            <div className="mb-3" data-testid="pending-change">
              <p className="text-sm font-medium">
                {pending.length} value{pending.length === 1 ? "" : "s"} will change:
              </p>
              <ChangeList changes={pending} />
            </div>
          ) : (
            <p className="mb-3 text-sm text-slate-600">
              Nothing changed yet: switch a rule, pick a severity or set a weight above.
            </p>
          )}
          <label htmlFor="rule-set-reason" className="text-xs font-medium text-slate-700">
            Why (kept in the history and the audit trail)
          </label>
          <textarea
            id="rule-set-reason"
            value={reason}
            disabled={disabled}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          <div className="mt-3 flex items-center gap-3">
            <Button
              disabled={disabled || pending.length === 0 || Boolean(invalid)}
              onClick={() =>
                adopt.mutate({
                  ...scope,
                  change,
                  reason,
                  source: "SETTINGS",
                  basedOn: version?.number ?? 0,
                })
              }
            >
              Adopt as version {(version?.number ?? 0) + 1}
            </Button>
            <Button
              variant="secondary"
              disabled={disabled || pending.length === 0}
              onClick={() => setDraft(draftOf(inForce))}
            >
              Discard
            </Button>
          </div>
          {adopt.error ? (
            <SaveNotice tone="error" title="Not adopted">
              <p>{adopt.error.message}</p>
              {Object.entries(errors).map(([field, message]) => (
                <p key={field}>
                  {field}: {message}
                </p>
              ))}
            </SaveNotice>
          ) : null}
          {adopt.isSuccess ? (
            <SaveNotice>
              Saved. Version {adopt.data.number} is in force: every score uses it from now on.
            </SaveNotice>
          ) : null}
        </Card>
      ) : null}

      <Card title="History">
        {history.data?.length ? (
          <ol className="divide-y divide-slate-100" aria-label="Rule set history">
            {history.data.map((v) => (
              <li key={v.id} className="py-2 text-sm">
                <p>
                  <span className="font-medium">Version {v.number}</span> · {v.adoptedBy.name} ·{" "}
                  {new Date(v.adoptedAt).toLocaleString("en-GB")} ·{" "}
                  <Badge tone={v.source === "EVIDENCE" ? "accent" : "neutral"}>
                    {ruleSetSourceLabels[v.source]}
                  </Badge>
                </p>
                <p className="text-slate-700">“{v.reason}”</p>
                <ChangeList changes={v.changes} />
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-slate-600">No change adopted yet.</p>
        )}
      </Card>
    </div>
  );
}
