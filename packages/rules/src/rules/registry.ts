import type { AnalyzeOptions, Dimension, Severity } from "../analyze/types";

export type { Dimension, Severity };

/** A text and the options to analyse it with: a rule's example as a runnable case. */
export interface ExampleCase {
  text: string;
  options?: Pick<AnalyzeOptions, "channel" | "purpose" | "subject" | "brief" | "ruleSet">;
}

export interface RuleDefinition {
  id: string;
  dimension: Dimension;
  severity: Severity;
  title: string;
  /** What it checks and why it matters to the customer. */
  why: string;
  source: string;
  /**
   * The finding's message for phrase-list rules: {actual} is the matched text,
   * {first} the first suggestion, {or} and {all} every suggestion joined by
   * "or" and by commas, {leaveOut} a note when the list says to drop the
   * words; a part in [brackets] is kept only when there is a suggestion.
   */
  message?: string;
  /**
   * Shown in the README. `registry.test.ts` runs every example: the rule fires
   * on `before` and not on `after`, analysed with `options`, or with `fixture`
   * where the shown text is a sketch ("one 8-sentence paragraph") or the
   * example is about the subject line.
   */
  example: {
    before: string;
    after: string;
    options?: ExampleCase["options"];
    fixture?: { before: ExampleCase; after: ExampleCase };
  };
}

const PLAIN = "US federal plain language guidelines; GOV.UK style guide";
const SEEDS =
  "Conductor seeds: T.A.R.A. (Trust, Authenticity, Reliability, Access) and the three payment messages";

/** Every rule Conductor runs. The package README's table is generated from this list. */
export const ruleDefinitions = [
  {
    id: "readability.long-sentence",
    dimension: "readability",
    severity: "warning",
    title: "Sentence too long for the channel",
    why: "Comprehension falls as sentences grow; readers of a 25-word sentence understand far less than of a 15-word one. Limits: SMS 20 words, push/in-app 15, others 25 (configurable).",
    source: PLAIN,
    example: {
      options: { channel: "SMS" },
      before:
        "Your payment, which we received on Tuesday after the bank holiday and which has been applied to your account, covers the balance.",
      after: "We received your payment on Tuesday. It covers your balance.",
    },
  },
  {
    id: "readability.grade-above-target",
    dimension: "readability",
    severity: "warning",
    title: "Reading grade above the target",
    why: "The consensus grade (median of Flesch–Kincaid, Gunning Fog, Coleman–Liau, ARI, Dale–Chall and SMOG) is above the target grade (brief, config, or 8 by default). Half of adults read comfortably at about grade 8.",
    source: "Readability formulas; plain-language guidance to write for grade 6–8",
    example: {
      before:
        "Remuneration will be disbursed subsequent to the verification of documentation submitted by beneficiaries.",
      after: "We will pay you after we check the papers you sent us. It takes about a week.",
    },
  },
  {
    id: "readability.long-paragraph",
    dimension: "readability",
    severity: "suggestion",
    title: "Paragraph too long",
    why: "Long paragraphs hide the key fact; readers skim the first line. More than 5 sentences or 100 words (configurable).",
    source: PLAIN,
    example: {
      fixture: {
        before: {
          text: "We got your claim. We checked it. We called the garage. They sent a quote. We agreed it. We paid them. Your car is ready. You can collect it.",
        },
        after: {
          text: "Your car is ready. You can collect it.\n\nWe got your claim and checked it. We agreed the garage's quote and paid them.",
        },
      },
      before: "(one 8-sentence paragraph)",
      after: "(two or three short paragraphs, the key fact first)",
    },
  },
  {
    id: "plain.passive-voice",
    dimension: "plainLanguage",
    severity: "warning",
    title: "Passive voice",
    why: "Passive voice hides who acts ('your payment was received' — by whom?). Say who does what. Catches irregular participles and regular -ed forms after a form of 'be'.",
    source: PLAIN,
    example: {
      before: "Your payment was received on 18 April.",
      after: "We received your payment on 18 April.",
    },
  },
  {
    id: "plain.hidden-verb",
    dimension: "plainLanguage",
    severity: "warning",
    title: "Hidden verb",
    why: "A verb turned into a noun ('make a payment') adds words and weakens the action. Use the verb.",
    source: PLAIN,
    message: '"{actual}" hides the verb[: try "{first}"]',
    example: { before: "Please make a payment by Friday.", after: "Please pay by Friday." },
  },
  {
    id: "plain.legalese",
    dimension: "plainLanguage",
    severity: "warning",
    title: "Jargon or legalese",
    why: "Legal and bureaucratic words ('pursuant to', 'remit', 'in the event that') make customers call to ask what they mean.",
    source: `${PLAIN}; 18F words to avoid`,
    message: '"{actual}" is legalese[: try "{first}"]',
    example: {
      before: "Pursuant to our terms, please remit the balance.",
      after: "Under our terms, please pay the balance.",
    },
  },
  {
    id: "plain.wordy",
    dimension: "plainLanguage",
    severity: "suggestion",
    title: "Wordy phrase",
    why: "Phrases like 'in order to' or 'due to the fact that' add words, not meaning.",
    source:
      "retext-simplify phrase list (multi-word entries); US federal 'use simple words and phrases'",
    message: '"{actual}" is wordy[: try "{or}"]{leaveOut}',
    example: {
      before: "In order to keep your account open, …",
      after: "To keep your account open, …",
    },
  },
  {
    id: "plain.complex-word",
    dimension: "plainLanguage",
    severity: "suggestion",
    title: "Formal word with a simpler alternative",
    why: "A short everyday word is read faster and understood by more people ('buy', not 'purchase').",
    source: "US federal plain language guidelines, 'use simple words and phrases' table",
    message: '"{actual}" has a simpler word[: "{all}"]',
    example: { before: "You may purchase additional data.", after: "You can buy more data." },
  },
  {
    id: "plain.undefined-acronym",
    dimension: "plainLanguage",
    severity: "warning",
    title: "Acronym not explained",
    why: "An acronym the customer has not seen spelled out is a question waiting to be asked. Spell it out on first use: 'annual percentage rate (APR)'.",
    source: PLAIN,
    example: {
      before: "Your APR will change.",
      after: "Your annual percentage rate (APR) will change.",
    },
  },
  {
    id: "plain.double-negative",
    dimension: "plainLanguage",
    severity: "warning",
    title: "Double negative",
    why: "Two negatives make the reader work out a positive ('not unlikely'). Say it positively.",
    source: PLAIN,
    example: { before: "It is not uncommon for bills to vary.", after: "Bills often vary." },
  },
  {
    id: "plain.shall",
    dimension: "plainLanguage",
    severity: "warning",
    title: "'Shall'",
    why: "'Shall' is ambiguous (obligation or future). Use 'must' for a duty and 'will' for what will happen.",
    source: PLAIN,
    example: {
      before: "The customer shall pay within 30 days.",
      after: "You must pay within 30 days.",
    },
  },
  {
    id: "plain.all-caps",
    dimension: "plainLanguage",
    severity: "suggestion",
    title: "Shouting in capitals",
    why: "Words in capitals are slower to read and read as shouting. Use bold or sentence case.",
    source: PLAIN,
    example: { before: "YOUR ACCOUNT WILL BE CLOSED", after: "Your account will be closed" },
  },
  {
    id: "plain.slash",
    dimension: "plainLanguage",
    severity: "suggestion",
    title: "Slash between words",
    why: "'and/or' and word/word leave the reader to decide what is meant. Write it out.",
    source: PLAIN,
    example: { before: "Call and/or email us.", after: "Call us, email us, or both." },
  },
  {
    id: "plain.ambiguous-date",
    dimension: "plainLanguage",
    severity: "warning",
    title: "Ambiguous date",
    why: "4/5/26 is 4 May in most countries and April 5 in the US: two readers, two different days. Write the month as a word.",
    source: "GOV.UK style guide (dates)",
    example: { before: "Your plan renews on 4/5/26.", after: "Your plan renews on 4 May 2026." },
  },
  {
    id: "plain.numeric-date",
    dimension: "plainLanguage",
    severity: "suggestion",
    title: "Date in numbers",
    why: "Even when only one reading is possible (5/18/17), a date in numbers makes readers stop and decode it. Write the month as a word.",
    source: "GOV.UK style guide (dates); the seeds' transactional message",
    example: {
      before: "Your next payment is due on 5/18/17.",
      after: "Your next payment is due on 18 May 2017.",
    },
  },
  {
    id: "plain.bare-number",
    dimension: "plainLanguage",
    severity: "suggestion",
    title: "Number without a unit",
    why: "A number with no unit or currency ('it will rise by 5') makes the reader guess: 5 what?",
    source: PLAIN,
    example: { before: "Your fee will rise by 5.", after: "Your fee will rise by $5 a month." },
  },
  {
    id: "plain.banned-phrase",
    dimension: "plainLanguage",
    severity: "warning",
    title: "Phrase your organisation avoids",
    why: "Your organisation's own list of phrases to avoid, with its replacements.",
    source: "Organisation rule set",
    message: 'Your organisation avoids "{actual}"',
    example: {
      fixture: {
        before: {
          text: "Dear valued customer, your bill is ready.",
          options: { ruleSet: { bannedPhrases: [{ phrase: "valued customer" }] } },
        },
        after: {
          text: "Dear Ms Khan, your bill is ready.",
          options: { ruleSet: { bannedPhrases: [{ phrase: "valued customer" }] } },
        },
      },
      before: "(your phrase)",
      after: "(your replacement)",
    },
  },
  {
    id: "plain.term",
    dimension: "plainLanguage",
    severity: "suggestion",
    title: "Use the organisation's term",
    why: "One name for one thing: customers who see two names think there are two things.",
    source: "Organisation rule set",
    message: 'Your organisation calls this[ "{first}"]',
    example: {
      options: { ruleSet: { terms: [{ use: "account number", insteadOf: ["acct no."] }] } },
      before: "your acct no.",
      after: "your account number",
    },
  },
  {
    id: "tone.blame",
    dimension: "tone",
    severity: "error",
    title: "Blaming the customer",
    why: "'You failed to' puts the customer on trial. State the fact and the way forward.",
    source: SEEDS,
    message: '"{actual}" blames the customer: state the fact and the way forward',
    example: {
      before: "You failed to pay your bill.",
      after: "We haven't received your payment yet.",
    },
  },
  {
    id: "tone.robotic",
    dimension: "tone",
    severity: "warning",
    title: "Template phrase",
    why: "Authenticity: phrases nobody says aloud ('please be advised', 'valued customer') read as a machine talking.",
    source: SEEDS,
    message: '"{actual}" sounds like a template: say it as you would in person',
    example: { before: "Please be advised that your bill is ready.", after: "Your bill is ready." },
  },
  {
    id: "tone.no-reply",
    dimension: "tone",
    severity: "error",
    title: "'Do not reply'",
    why: "Access: a closed door turns a question into a phone call. Tell the customer how to reach a person.",
    source: SEEDS,
    message: '"{actual}" shuts the door: tell the customer how to reach a person',
    example: {
      before: "Do not reply to this email.",
      after: "Questions? Reply to this email and we'll help.",
    },
  },
  {
    id: "tone.no-appreciation",
    dimension: "tone",
    severity: "suggestion",
    title: "No appreciation",
    why: "A few heart-centred words ('thank you for being a customer') go a long way, and do not raise calls.",
    source: SEEDS,
    example: {
      before: "Your payment was received.",
      after: "Thank you! We received your payment.",
    },
  },
  {
    id: "tone.no-invitation",
    dimension: "tone",
    severity: "warning",
    title: "No invitation to talk",
    why: "Access: inviting dialogue ('How else can we help?') builds trust; unclear messages, not invitations, cause calls.",
    source: SEEDS,
    example: {
      before: "Your next payment is due on 18 May.",
      after: "Your next payment is due on 18 May. How else can we help?",
    },
  },
  {
    id: "tone.we-focus",
    dimension: "tone",
    severity: "suggestion",
    title: "About us, not the customer",
    why: "Write to the customer: more 'you' than 'we'.",
    source: SEEDS,
    example: {
      before: "We have updated our systems and our prices, and we will tell you more soon.",
      after: "Your price is changing. Here is what it means for you.",
    },
  },
  {
    id: "tone.no-next-step",
    dimension: "tone",
    severity: "suggestion",
    title: "No next step",
    why: "Reliability: say what happens next and when, so the customer need not call to ask.",
    source: SEEDS,
    example: {
      before: "We are looking into your claim. Thank you for your patience.",
      after:
        "We are looking into your claim and will write to you by 3 June. Thank you for your patience.",
    },
  },
  {
    id: "tone.bad-news-without-ownership",
    dimension: "tone",
    severity: "warning",
    title: "Bad news without owning it",
    why: "Reliability: when something went wrong or costs more, say sorry and own it.",
    source: SEEDS,
    example: {
      before: "There was an error on your bill.",
      after: "We made a mistake on your bill, and we're sorry.",
    },
  },
  {
    id: "tone.data-without-reason",
    dimension: "tone",
    severity: "warning",
    title: "Asking for data without saying why",
    why: "Trust: say why you need personal data and how you will keep it safe.",
    source: SEEDS,
    example: {
      before: "Please confirm your date of birth.",
      after: "Please confirm your date of birth so we can check it's you.",
    },
  },
  {
    id: "channel.sms-encoding",
    dimension: "channel",
    severity: "warning",
    title: "SMS characters outside GSM-7",
    why: "One character outside the GSM-7 alphabet (curly quotes, emoji) switches the whole SMS to UCS-2: 70 characters a segment instead of 160.",
    source: "3GPP TS 23.038 (GSM 7-bit default alphabet)",
    example: {
      options: { channel: "SMS" },
      before: "We’re sorry",
      after: "We're sorry",
    },
  },
  {
    id: "channel.sms-segments",
    dimension: "channel",
    severity: "warning",
    title: "SMS longer than the segment limit",
    why: "Each segment is billed and long messages may arrive split. Limit: 2 segments (configurable).",
    source: "3GPP TS 23.040 (concatenated SMS: 153/67 characters a segment)",
    example: {
      fixture: {
        before: {
          text: "Harbour Energy: your bill for March is ready. ".repeat(9),
          options: { channel: "SMS" },
        },
        after: {
          text: "Harbour Energy: your March bill is ready at harbour.example/bill.",
          options: { channel: "SMS" },
        },
      },
      before: "(a 400-character SMS)",
      after: "(the key fact in one segment and a link)",
    },
  },
  {
    id: "channel.sms-opt-out",
    dimension: "channel",
    severity: "error",
    title: "Marketing SMS without opt-out",
    why: "Marketing texts must tell people how to stop them ('Reply STOP to opt out').",
    source: "Telecoms marketing rules (e.g. TCPA/CTIA, PECR)",
    example: {
      options: { channel: "SMS", purpose: "marketing" },
      before: "New deals this week!",
      after: "New deals this week! Reply STOP to opt out.",
    },
  },
  {
    id: "channel.email-subject",
    dimension: "channel",
    severity: "warning",
    title: "Email subject missing or too long",
    why: "The subject decides whether the message is read; beyond about 60 characters it is cut off on phones.",
    source: "Email client display limits",
    example: {
      fixture: {
        before: {
          text: "Your account fee is changing on 1 March.",
          options: {
            channel: "EMAIL",
            subject: "Important information regarding changes to your account terms and conditions",
          },
        },
        after: {
          text: "Your account fee is changing on 1 March.",
          options: { channel: "EMAIL", subject: "Your account fee is changing on 1 March" },
        },
      },
      before: "Important information regarding changes to your account terms and conditions",
      after: "Your account fee is changing on 1 March",
    },
  },
  {
    id: "channel.missing-link",
    dimension: "channel",
    severity: "warning",
    title: "Online action without a link",
    why: "Asking the customer to go online without a link sends them searching, or to the phone.",
    source: "Conductor channel rules",
    example: {
      options: { channel: "EMAIL" },
      before: "Log in to update your details.",
      after: "Log in at harbour.example/account to update your details.",
    },
  },
  {
    id: "channel.required-phrase",
    dimension: "channel",
    severity: "error",
    title: "Required wording missing",
    why: "A disclosure your organisation requires for this channel is not in the text.",
    source: "Organisation rule set",
    example: {
      fixture: {
        before: {
          text: "Your bill is ready.",
          options: { ruleSet: { requiredPhrases: [{ phrase: "regulated by Ofgem" }] } },
        },
        after: {
          text: "Your bill is ready. Harbour Energy is regulated by Ofgem.",
          options: { ruleSet: { requiredPhrases: [{ phrase: "regulated by Ofgem" }] } },
        },
      },
      before: "(no disclosure)",
      after: "(the required disclosure)",
    },
  },
  {
    id: "brief.must-say-missing",
    dimension: "brief",
    severity: "error",
    title: "Must-say fact missing",
    why: "A fact the brief says the customer must be told (an amount, a date, a disclosure) is not in the text. Amounts and dates match after normalising ($177.17 = 177.17 dollars).",
    source: "Conductor brief",
    example: {
      options: { brief: { mustSay: ["$177.17"] } },
      before: "We received your payment.",
      after: "We received your payment of $177.17.",
    },
  },
  {
    id: "brief.no-call-to-action",
    dimension: "brief",
    severity: "error",
    title: "No clear call to action",
    why: "The outcome needs the customer to act, but no sentence tells them what to do.",
    source: "Conductor brief",
    example: {
      options: {
        brief: {
          desiredOutcome: "Customer sends a meter reading by 3 June",
          action: "send a meter reading",
        },
      },
      before: "Your meter reading is due.",
      after: "Send us your meter reading by 3 June at harbour.example/read.",
    },
  },
  {
    id: "brief.action-incomplete",
    dimension: "brief",
    severity: "warning",
    title: "Action without how or by when",
    why: "The customer is asked to act but not told how (a link, a number, a place) or by when; half an instruction is a call to the contact centre.",
    source: "Conductor brief",
    example: {
      options: {
        brief: {
          desiredOutcome: "Customer sends a meter reading by 3 June",
          action: "send a meter reading",
        },
      },
      before: "Please send us your meter reading.",
      after: "Please send us your meter reading by 3 June at harbour.example/read.",
    },
  },
  {
    id: "brief.no-action-statement",
    dimension: "brief",
    severity: "warning",
    title: "Does not say no action is needed",
    why: "The outcome is that the customer need not act; say so, or they will call to check.",
    source: "Conductor brief",
    example: {
      options: {
        brief: {
          desiredOutcome: "Customer knows the payment arrived and that no action is needed",
        },
      },
      before: "We received your payment.",
      after: "We received your payment. You don't need to do anything.",
    },
  },
  {
    id: "brief.outcome-not-stated",
    dimension: "brief",
    severity: "warning",
    title: "Desired outcome not stated",
    why: "Few of the brief's outcome words appear in the text: the customer may not reach the outcome.",
    source: "Conductor brief",
    example: {
      fixture: {
        before: {
          text: "Your account details are shown below.",
          options: { brief: { desiredOutcome: "Customer knows the payment arrived" } },
        },
        after: {
          text: "Your payment arrived today.",
          options: { brief: { desiredOutcome: "Customer knows the payment arrived" } },
        },
      },
      before: "(text about something else)",
      after: "(text that states the outcome)",
    },
  },
  {
    id: "brief.question-unanswered",
    dimension: "brief",
    severity: "warning",
    title: "Likely question not answered",
    why: "The brief lists a question customers are likely to ask, and no sentence answers it.",
    source: "Conductor brief",
    example: {
      fixture: {
        before: {
          text: "Your fee is changing.",
          options: { brief: { likelyQuestions: ["Why is my fee changing?"] } },
        },
        after: {
          text: "Your fee is changing because our costs have gone up.",
          options: { brief: { likelyQuestions: ["Why is my fee changing?"] } },
        },
      },
      before: "Your fee is changing.",
      after: "Your fee is changing because … (answers 'why?')",
    },
  },
  {
    id: "brief.tone-off-target",
    dimension: "brief",
    severity: "warning",
    title: "Tone off target",
    why: "The text reads as a different tone from the one the brief chose, or its warmth, formality or urgency (measured 1–5) is more than one step from the brief's.",
    source: "Conductor brief; seeds' three approaches",
    example: {
      fixture: {
        before: {
          text: "Your payment was received. Your next payment is due on 18 May.",
          options: { brief: { tone: "heart-centred" } },
        },
        after: {
          text: "Thank you for being a customer! We received your payment today. Your next payment is due on 18 May. How else can we be of service?",
          options: { brief: { tone: "heart-centred" } },
        },
      },
      before: "(transactional text, heart-centred brief)",
      after: "(thanks and an invitation added)",
    },
  },
] as const satisfies readonly RuleDefinition[];

export type RuleId = (typeof ruleDefinitions)[number]["id"];

export const rulesById: ReadonlyMap<string, RuleDefinition> = new Map(
  ruleDefinitions.map((rule) => [rule.id, rule]),
);

/** A phrase rule's message from its registry template (see RuleDefinition.message). */
export function phraseMessage(
  ruleId: string,
  actual: string,
  suggestions: readonly string[],
  leaveOut = "",
): string {
  const template = rulesById.get(ruleId)?.message ?? `"{actual}"`;
  // In this order (a value may itself hold a later placeholder), each only
  // when present: this runs for every phrase finding.
  const filled = (text: string) => {
    let out = text;
    if (out.includes("{actual}")) out = out.replaceAll("{actual}", actual);
    if (out.includes("{first}")) out = out.replaceAll("{first}", suggestions[0] ?? "");
    if (out.includes("{or}")) out = out.replaceAll("{or}", suggestions.join('" or "'));
    if (out.includes("{all}")) out = out.replaceAll("{all}", suggestions.join('", "'));
    if (out.includes("{leaveOut}")) out = out.replaceAll("{leaveOut}", leaveOut);
    return out;
  };
  // Bracketed parts need a suggestion; a template holds at most one, without nesting.
  const open = template.indexOf("[");
  const close = template.indexOf("]", open);
  if (open === -1 || close === -1) return filled(template);
  const optional = suggestions.length ? template.slice(open + 1, close) : "";
  return filled(template.slice(0, open) + optional + template.slice(close + 1));
}
