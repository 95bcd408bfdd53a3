// Calls the text itself will cause: unexplained amounts, deadlines with no way out, jargon in the key sentence, no way to reach a person.
import type { DocumentContext } from "./context";

export function predictCalls(c: DocumentContext): void {
  const {
    findings,
    callDrivers,
    sentences,
    signals,
    has,
    reasonNear,
    nonEmpty,
    firstSentence,
    anyLink,
    invitation,
    invitationNeeded,
  } = c;
  // Predicted call drivers from the text itself.
  if (nonEmpty) {
    const consequence = has("consequence");
    // A message that explains anything ("because", "this covers", "so your bill is
    // right") is taken to explain its amounts; drivers are for the silent ones.
    const explains = has("reason");
    const invitationIn = new Uint8Array(sentences.length + 1);
    for (const s of signals) if (s.kind === "invitation") invitationIn[s.sentence] = 1;
    // One driver per question, at the first sentence that raises it: the same
    // question from every sentence of a long statement is one call, not many.
    const asked = new Set<string>();
    sentences.forEach((s, index) => {
      const reason = explains || reasonNear(index, 0, 1);
      const amountQuestion = s.amountToExplain
        ? "Why is it this amount?"
        : "Why am I being charged this?";
      if (!reason && (s.amountToExplain || (s.money && s.charge)) && !asked.has(amountQuestion)) {
        asked.add(amountQuestion);
        callDrivers.push({
          id: "",
          question: amountQuestion,
          because: "An amount or fee with no explanation",
          fix: "Say what the amount is for and how it was worked out",
          start: s.start,
          end: s.end,
        });
      }
      // "Please pay by 10 May, or call us" / "If that's not possible, reply…": the
      // way out is given beside the date.
      const wayOut = invitationIn[index] || invitationIn[index + 1] || reasonNear(index, 0, 1);
      const missed = "What happens if I miss the date?";
      if (s.deadline && !consequence && !s.nextPayment && !wayOut && !asked.has(missed)) {
        asked.add(missed);
        callDrivers.push({
          id: "",
          question: "What happens if I miss the date?",
          because: "A deadline with no consequence",
          fix: "Say what happens if the date is missed",
          start: s.start,
          end: s.end,
        });
      }
    });
    const key = sentences.find((s) => s.hasAmount || s.hasDate) ?? sentences[0];
    if (key) {
      const jargon = findings.find(
        (f) =>
          (f.ruleId === "plain.legalese" || f.ruleId === "plain.undefined-acronym") &&
          f.start >= key.start &&
          f.end <= key.end,
      );
      if (jargon) {
        callDrivers.push({
          id: "",
          question: `What does "${jargon.actual}" mean?`,
          because: "Jargon in the key sentence",
          fix: jargon.suggestions[0] ? `Say "${jargon.suggestions[0]}"` : "Use an everyday word",
          start: jargon.start,
          end: jargon.end,
        });
      }
    }
    if (!invitation && !anyLink && invitationNeeded) {
      callDrivers.push({
        id: "",
        question: "How do I reach someone about this?",
        because: "No contact route or invitation",
        fix: "Say how to reach a person, and invite questions",
        start: firstSentence.start,
        end: firstSentence.end,
      });
    }
  }
}
