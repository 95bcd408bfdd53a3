import type { Channel } from "@conductor/db/enums";

/**
 * What the model knows of one message: its frozen analysis reduced to the
 * features that can drive calls. The journey stage is not among them: the
 * data has no such field yet (a communication's purpose is free text).
 */
export interface MessageFeatures {
  /** Rules with at least one finding (repeats do not count twice). */
  ruleIds: readonly string[];
  /** The reading grade (consensus of the formulas), or null when unknown. */
  readingGrade: number | null;
  /** The four T.A.R.A. tone scores, 0–100, or null when unknown. */
  tone: { trust: number; authenticity: number; reliability: number; access: number } | null;
  channel: Channel;
  recipients: number;
}

const TONE = ["trust", "authenticity", "reliability", "access"] as const;

/** The features of a frozen analysis (the JSON a review stores); anything missing is null, never a guess. */
export function featuresOfAnalysis(
  analysis: unknown,
  channel: Channel,
  recipients: number,
): MessageFeatures {
  const a = (analysis ?? {}) as {
    findings?: { ruleId?: unknown }[];
    metrics?: { consensusGrade?: unknown };
    tone?: { tara?: Record<string, { score?: unknown } | undefined> };
  };
  const ruleIds = [
    ...new Set(
      (Array.isArray(a.findings) ? a.findings : [])
        .map((f) => f?.ruleId)
        .filter((id): id is string => typeof id === "string"),
    ),
  ].sort();
  const grade = a.metrics?.consensusGrade;
  const tara = a.tone?.tara;
  const scores = TONE.map((k) => tara?.[k]?.score);
  return {
    ruleIds,
    readingGrade: typeof grade === "number" && Number.isFinite(grade) ? grade : null,
    tone: scores.every((s) => typeof s === "number" && Number.isFinite(s))
      ? {
          trust: scores[0] as number,
          authenticity: scores[1] as number,
          reliability: scores[2] as number,
          access: scores[3] as number,
        }
      : null,
    channel,
    recipients,
  };
}

/** A continuous feature, centred and scaled on the history it was fitted on. */
interface Scaled {
  name: string;
  mean: number;
  sd: number;
}

/**
 * The model's columns, fixed when it is fitted: a 0/1 column per rule with
 * enough messages on both sides, one per channel other than the most common,
 * and the continuous features standardised (so one prior sd fits them all).
 */
export interface Design {
  ruleIds: string[];
  /** Rules seen in the history but on too few (or too many) messages to estimate. */
  tooFew: { ruleId: string; nWith: number }[];
  referenceChannel: Channel;
  channels: Channel[];
  continuous: Scaled[];
  columns: string[];
}

function continuousValues(f: MessageFeatures): Record<string, number | null> {
  return {
    readingGrade: f.readingGrade,
    "tone.trust": f.tone?.trust ?? null,
    "tone.authenticity": f.tone?.authenticity ?? null,
    "tone.reliability": f.tone?.reliability ?? null,
    "tone.access": f.tone?.access ?? null,
    logRecipients: f.recipients > 0 ? Math.log(f.recipients) : null,
  };
}

export function buildDesign(history: readonly MessageFeatures[], minimumMessages = 3): Design {
  const counts = new Map<string, number>();
  for (const f of history) for (const id of f.ruleIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const ruleIds: string[] = [];
  const tooFew: Design["tooFew"] = [];
  for (const [ruleId, nWith] of [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (nWith >= minimumMessages && history.length - nWith >= minimumMessages) ruleIds.push(ruleId);
    else tooFew.push({ ruleId, nWith });
  }
  const byChannel = new Map<Channel, number>();
  for (const f of history) byChannel.set(f.channel, (byChannel.get(f.channel) ?? 0) + 1);
  const channelOrder = [...byChannel.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  );
  const referenceChannel = channelOrder[0]?.[0] ?? "EMAIL";
  const channels = channelOrder
    .slice(1)
    .filter(([, n]) => n >= minimumMessages)
    .map(([c]) => c)
    .sort();
  const continuous: Scaled[] = [];
  const names = Object.keys(continuousValues(history[0] ?? emptyFeatures));
  for (const name of names) {
    const values = history
      .map((f) => continuousValues(f)[name])
      .filter((v): v is number => v !== null && v !== undefined);
    if (values.length < minimumMessages) continue;
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(
      values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(values.length - 1, 1),
    );
    // A feature that never varies says nothing about calls.
    if (sd > 1e-9) continuous.push({ name, mean, sd });
  }
  return {
    ruleIds,
    tooFew,
    referenceChannel,
    channels,
    continuous,
    columns: [
      ...ruleIds.map((id) => `rule:${id}`),
      ...channels.map((c) => `channel:${c}`),
      ...continuous.map((c) => c.name),
    ],
  };
}

const emptyFeatures: MessageFeatures = {
  ruleIds: [],
  readingGrade: null,
  tone: null,
  channel: "EMAIL",
  recipients: 0,
};

/** A message's row in the design; unknown continuous values sit at the history's mean (0). */
export function rowOf(design: Design, f: MessageFeatures): number[] {
  const found = new Set(f.ruleIds);
  const values = continuousValues(f);
  return [
    ...design.ruleIds.map((id) => (found.has(id) ? 1 : 0)),
    ...design.channels.map((c) => (f.channel === c ? 1 : 0)),
    ...design.continuous.map((c) => {
      const v = values[c.name];
      return v === null || v === undefined ? 0 : (v - c.mean) / c.sd;
    }),
  ];
}
