import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { briefSchema, channels } from "../config";
import { rulesById } from "../rules/registry";

// The annotated corpus lives beside the sources (packages/rules/corpus) as
// JSON a reviewer can read: one entry per customer message, with the findings
// a plain-language editor expects on it and why.
export const corpusDir = join(import.meta.dirname, "..", "..", "corpus");

const expectation = z
  .object({
    rule: z.string().refine((id) => rulesById.has(id), "not a rule in the registry"),
    /** Text the finding must touch; without it, any finding of the rule counts. */
    quote: z.string().min(1).optional(),
    why: z.string().min(4),
  })
  .strict();

const message = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    channel: z.enum(channels),
    topic: z.string().min(3),
    subject: z.string().optional(),
    purpose: z.enum(["service", "marketing"]).optional(),
    brief: briefSchema.optional(),
    /** The organisation's rule set (banned phrases, terms, required wording), as analyze takes it. */
    ruleSet: z.record(z.string(), z.unknown()).optional(),
    /** Paragraphs, joined by blank lines. */
    text: z.array(z.string().min(1)).min(1),
    expect: z.array(expectation),
  })
  .strict();

const rewrite = z
  .object({ before: z.string(), after: z.string(), why: z.string().min(10) })
  .strict();

export type Quality = "good" | "poor";
export type Expectation = z.infer<typeof expectation>;

export interface CorpusMessage extends Omit<z.infer<typeof message>, "text"> {
  quality: Quality;
  text: string;
}

export interface Rewrite {
  before: CorpusMessage;
  after: CorpusMessage;
  why: string;
}

export interface Corpus {
  messages: CorpusMessage[];
  rewrites: Rewrite[];
}

export class CorpusError extends Error {
  override readonly name = "CorpusError";
}

function readJson(dir: string, file: string): unknown {
  return JSON.parse(readFileSync(join(dir, file), "utf8"));
}

function parseMessages(dir: string, file: string, quality: Quality): CorpusMessage[] {
  const parsed = z.array(message).safeParse(readJson(dir, file));
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new CorpusError(`${file}: ${first.path.join(".")}: ${first.message}`);
  }
  return parsed.data.map((entry) => {
    const text = entry.text.join("\n\n");
    for (const e of entry.expect) {
      if (e.quote !== undefined && !text.includes(e.quote))
        throw new CorpusError(`${file}: ${entry.id}: quote "${e.quote}" is not in the text`);
    }
    // A well-written message is one the editor would sign as it is; a poor
    // one is in the corpus for what it gets wrong.
    if (quality === "good" && entry.expect.length > 0)
      throw new CorpusError(`${file}: ${entry.id}: a well-written message expects no findings`);
    if (quality === "poor" && entry.expect.length === 0)
      throw new CorpusError(`${file}: ${entry.id}: a poorly written message names its findings`);
    return { ...entry, quality, text };
  });
}

/** Reads and checks the corpus: known rule ids, quotes that are in the text, unique ids. */
export function loadCorpus(dir = corpusDir): Corpus {
  const messages = [
    ...parseMessages(dir, "good.json", "good"),
    ...parseMessages(dir, "poor.json", "poor"),
  ];
  const byId = new Map<string, CorpusMessage>();
  for (const m of messages) {
    if (byId.has(m.id)) throw new CorpusError(`message id "${m.id}" is used twice`);
    byId.set(m.id, m);
  }
  const parsed = z.array(rewrite).safeParse(readJson(dir, "rewrites.json"));
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new CorpusError(`rewrites.json: ${first.path.join(".")}: ${first.message}`);
  }
  const rewrites = parsed.data.map((pair) => {
    const before = byId.get(pair.before);
    const after = byId.get(pair.after);
    if (before?.quality !== "poor" || after?.quality !== "good")
      throw new CorpusError(
        `rewrites.json: ${pair.before} → ${pair.after} must name a poor message and its good rewrite`,
      );
    return { before, after, why: pair.why };
  });
  return { messages, rewrites };
}
