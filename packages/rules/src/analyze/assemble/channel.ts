// Channel: SMS encoding, segments and opt-out; the email subject; links; required wording.
import { gsmReplacements, smsReport } from "../sms";
import type { AnalysisResult } from "../types";
import type { DocumentContext } from "./context";

export function checkChannel(c: DocumentContext): AnalysisResult["sms"] {
  const { blocks, starts, fullText, options, rules, limits, push, channel, anyLink } = c;
  // Channel.
  let sms: AnalysisResult["sms"] = null;
  if (channel === "SMS") {
    sms = smsReport(fullText);
    if (sms.encoding === "UCS-2") {
      // One finding per distinct character (an emoji used twice is one thing to change).
      const distinct = new Map(sms.nonGsm.map((c) => [c.character, c] as const));
      for (const c of [...distinct.values()].slice(0, 5)) {
        const replacement = gsmReplacements[c.character];
        push(
          "channel.sms-encoding",
          c.start,
          c.end,
          `"${c.character}" is not in the GSM-7 alphabet: the whole SMS becomes UCS-2 (70 characters a segment)`,
          replacement ? [replacement] : [],
        );
      }
    }
    if (sms.segments > limits.maxSmsSegments) {
      push(
        "channel.sms-segments",
        0,
        fullText.length,
        `${sms.units} ${sms.encoding === "GSM-7" ? "characters" : "UCS-2 characters"} make ${sms.segments} segments (limit ${limits.maxSmsSegments})`,
      );
    }
    if (
      options.purpose === "marketing" &&
      !/\b(?:stop|opt[ -]?out|unsubscribe)\b/i.test(fullText)
    ) {
      push(
        "channel.sms-opt-out",
        fullText.length,
        fullText.length,
        'Marketing SMS must say how to opt out ("Reply STOP to opt out")',
        [" Reply STOP to opt out."],
      );
    }
  }
  if (channel === "EMAIL") {
    const subject = options.subject?.trim() ?? "";
    if (options.subject !== undefined && subject.length === 0)
      push("channel.email-subject", 0, 0, "The email has no subject", [], "subject");
    else if (subject.length > limits.maxSubjectCharacters) {
      push(
        "channel.email-subject",
        limits.maxSubjectCharacters,
        options.subject!.length,
        `The subject has ${subject.length} characters: phones cut it after about ${limits.maxSubjectCharacters}`,
        [],
        "subject",
      );
    }
  }
  const onlineBlock = blocks.findIndex((b) => b.onlineAction !== null);
  const onlineAction =
    onlineBlock >= 0
      ? {
          start: starts[onlineBlock]! + blocks[onlineBlock]!.onlineAction!.start,
          end: starts[onlineBlock]! + blocks[onlineBlock]!.onlineAction!.end,
        }
      : null;
  if (
    (options.requireLink ||
      (onlineAction &&
        (channel === "EMAIL" ||
          channel === "SMS" ||
          channel === "PUSH" ||
          channel === "IN_APP"))) &&
    !anyLink
  ) {
    push(
      "channel.missing-link",
      onlineAction?.start ?? 0,
      onlineAction?.end ?? 0,
      "Asks the customer to go online but gives no link",
    );
  }
  // Compared as the words are: invisible characters removed, NFC, lower case.
  const comparable = (text: string) =>
    text
      .replace(/[\u200b\u200c\u2060\ufeff\u00ad]/g, "")
      .normalize("NFC")
      .toLowerCase();
  let comparableText: string | null = null;
  for (const required of rules.ruleSet.requiredPhrases ?? []) {
    if (required.channels && (!channel || !required.channels.includes(channel))) continue;
    comparableText ??= comparable(fullText);
    if (!comparableText.includes(comparable(required.phrase))) {
      push(
        "channel.required-phrase",
        fullText.length,
        fullText.length,
        `Required wording missing: ${required.label ?? `"${required.phrase}"`}`,
        [required.phrase],
      );
    }
  }

  return sms;
}
