// T.A.R.A. as four scores, each with the spans behind it. The tone class is
// derived from the four, so keywords alone cannot make a message heart-centred:
// "Dear Valued Customer, thank you for your cooperation" has thanks and an
// invitation, but its template voice keeps Authenticity low.
import type { TaraReport, TaraScore, ToneClass } from "./types";

export interface TaraSpan {
  kind: string;
  start: number;
  end: number;
}

export interface TaraInputs {
  text: string;
  nonEmpty: boolean;
  /** Phrase signals found in the text (appreciation, invitation, reason…). */
  signals: readonly TaraSpan[];
  /** Tone findings already raised, with their spans. */
  blame: readonly TaraSpan[];
  robotic: readonly TaraSpan[];
  noReply: readonly TaraSpan[];
  legalese: number;
  badNewsWithoutOwnership: readonly TaraSpan[];
  dataWithoutReason: readonly TaraSpan[];
  invitation: boolean;
  /** False for messages that need no invitation (a security code, an SMS with a link or keyword). */
  invitationNeeded: boolean;
  contactLinks: readonly TaraSpan[];
  anyLink: boolean;
  saysWhatNext: boolean;
  contractions: number;
  youRatio: number;
}

const clamp = (n: number) => Math.max(0, Math.min(100, n));

class Score {
  private points: number;
  private readonly evidence: TaraScore["evidence"] = [];
  constructor(
    start: number,
    private readonly text: string,
  ) {
    this.points = start;
  }
  add(points: number, kind: string, spans: readonly TaraSpan[] | null) {
    this.points += points;
    const effect = points >= 0 ? "+" : "-";
    if (!spans || spans.length === 0)
      this.evidence.push({ kind, effect, start: 0, end: 0, text: "" });
    else
      for (const s of spans.slice(0, 5))
        this.evidence.push({
          kind,
          effect,
          start: s.start,
          end: s.end,
          text: this.text.slice(s.start, s.end),
        });
  }
  done(): TaraScore {
    return { score: Math.round(clamp(this.points)), evidence: this.evidence };
  }
}

export function measureTara(input: TaraInputs): {
  tara: TaraReport;
  score: number;
  classification: ToneClass;
} {
  const of = (kind: string) => input.signals.filter((s) => s.kind === kind);
  const t = input.text;
  const trust = new Score(75, t);
  if (of("reason").length) trust.add(10, "reason", of("reason"));
  if (input.blame.length) trust.add(-30 * input.blame.length, "blame", input.blame);
  if (input.dataWithoutReason.length)
    trust.add(-20, "data-without-reason", input.dataWithoutReason);
  if (of("surveillance").length) trust.add(-30, "surveillance", of("surveillance"));

  const authenticity = new Score(60, t);
  if (input.contractions > 0) authenticity.add(15, "contractions", null);
  if (of("appreciation").length) authenticity.add(10, "appreciation", of("appreciation"));
  if (input.youRatio >= 0.5) authenticity.add(10, "you-focus", null);
  if (input.robotic.length) authenticity.add(-20 * input.robotic.length, "template", input.robotic);
  if (input.legalese) authenticity.add(-5 * Math.min(3, input.legalese), "legalese", null);

  const reliability = new Score(50, t);
  if (input.saysWhatNext) reliability.add(30, "next-step", of("nextStep").concat(of("noAction")));
  if (of("ownership").length) reliability.add(15, "ownership", of("ownership"));
  if (input.badNewsWithoutOwnership.length)
    reliability.add(-30, "bad-news-without-ownership", input.badNewsWithoutOwnership);

  const access = new Score(45, t);
  if (input.invitation) access.add(40, "invitation", of("invitation").concat(input.contactLinks));
  else if (!input.invitationNeeded) access.add(35, "act-by-link-or-keyword", null);
  if (input.anyLink) access.add(10, "link", null);
  if (input.noReply.length) access.add(-45 * input.noReply.length, "do-not-reply", input.noReply);

  const tara: TaraReport = {
    trust: trust.done(),
    authenticity: authenticity.done(),
    reliability: reliability.done(),
    access: access.done(),
  };
  if (!input.nonEmpty) {
    for (const s of Object.values(tara)) s.score = 0;
    return { tara, score: 0, classification: "black-box" };
  }
  const scores = Object.values(tara).map((s) => s.score);
  const score = scores.reduce((a, b) => a + b, 0) / scores.length;
  const clean =
    input.blame.length === 0 && input.robotic.length === 0 && input.noReply.length === 0;
  const classification: ToneClass =
    clean && scores.every((s) => s >= 70)
      ? "heart-centred"
      : tara.access.score < 40 && tara.authenticity.score < 50
        ? "black-box"
        : "transactional";
  return { tara, score, classification };
}
