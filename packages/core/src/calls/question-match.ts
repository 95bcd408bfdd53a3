// Which call reasons a brief's likely question shows up as, before an
// analyst says otherwise. Briefs write questions in customers' words ("When
// is my next payment due?") and taxonomies label reasons in the contact
// centre's ("Payment date query"), so the rule is the words they share:
// content words only, compared by their first five letters so "payment" and
// "payments", "change" and "changing" meet. It is a starting point, shown as
// "matched by words" and replaced by the analyst's mapping where it is wrong.

const STOP = new Set(
  `a an and are as at be been by can could did do does for from had has have how i if in
  is it its me my no not of on or our so than that the their them then there they this to
  up us was we were what when where which who why will with would you your yours about
  any get got need more much next still does don't i'm it's`.split(/\s+/),
);

/** A question as mappings are keyed: lower case, spaces collapsed, no closing punctuation. */
export function normalizeQuestion(question: string): string {
  return question
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[?.!…\s]+$/u, "");
}

/** The content words of a text, each cut to its first five letters. */
export function contentStems(text: string): Set<string> {
  const words = text.toLowerCase().match(/\p{L}[\p{L}'’]*/gu) ?? [];
  return new Set(
    words
      .map((w) => w.replace(/[’]/g, "'"))
      .filter((w) => w.length >= 3 && !STOP.has(w))
      .map((w) => w.slice(0, 5)),
  );
}

/** Reason codes whose label or code shares a content word with the question, in taxonomy order. */
export function matchReasons(
  question: string,
  reasons: readonly { code: string; label: string }[],
): string[] {
  const asked = contentStems(question);
  if (asked.size === 0) return [];
  return reasons
    .filter((r) => {
      const said = contentStems(`${r.label} ${r.code.replace(/[-_.]+/g, " ")}`);
      for (const stem of said) if (asked.has(stem)) return true;
      return false;
    })
    .map((r) => r.code);
}
