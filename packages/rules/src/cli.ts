// conductor-clarity: score a message from a file or standard input.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  type AnalysisResult,
  analyze,
  type Brief,
  type Channel,
  channels,
  RuleSetError,
} from "./index";

const usage = `usage: conductor-clarity [file|-] [options]
  --json               print the full result as JSON
  --channel NAME       ${channels.join(", ")}
  --purpose KIND       service (default) or marketing
  --subject TEXT       email subject line
  --brief FILE         brief as JSON: { desiredOutcome, tone, readingGrade, mustSay[], likelyQuestions[] }
  --config FILE        organisation rule set as JSON
  --min-score N        exit with status 1 when the score is below N (for gating templates)
Reads standard input when no file is given or the file is "-".`;

class UsageError extends Error {}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** "line:column" for offsets given in ascending order: one pass over the text for all findings. */
function lineAndColumnCursor(text: string): (offset: number) => string {
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  return (offset) => {
    if (offset < scanned) {
      // Out of order (subject-line findings come first): start again from the top.
      line = 1;
      lineStart = 0;
      scanned = 0;
    }
    for (; scanned < offset && scanned < text.length; scanned++) {
      if (text.charCodeAt(scanned) === 10) {
        line++;
        lineStart = scanned + 1;
      }
    }
    return `${line}:${offset - lineStart + 1}`;
  };
}

function human(result: AnalysisResult, text: string, source: string): string {
  const lines: string[] = [];
  const m = result.metrics;
  lines.push(`${source}: clarity ${result.score}/100 (rules ${result.rulesVersion})`);
  lines.push(
    `  ${Object.entries(result.dimensions)
      .map(([name, d]) => `${name} ${d!.score}`)
      .join(" · ")}`,
  );
  lines.push(
    `  ${m.words} words, ${m.sentences} sentences, grade ${m.consensusGrade} (Flesch–Kincaid ${m.fleschKincaidGrade}, reading ease ${m.fleschReadingEase}); tone ${result.tone.classification}`,
  );
  if (result.sms)
    lines.push(
      `  SMS: ${result.sms.encoding}, ${result.sms.units} characters, ${result.sms.segments} segment(s)`,
    );
  const lineAndColumn = lineAndColumnCursor(text);
  for (const f of result.findings) {
    const where = f.field ? f.field : lineAndColumn(f.start);
    lines.push(`  ${where.padEnd(7)} ${f.severity.padEnd(10)} ${f.message}  [${f.ruleId}]`);
  }
  if (result.callDrivers.length) {
    lines.push("  Predicted calls:");
    for (const d of result.callDrivers) lines.push(`    “${d.question}” — ${d.because}. ${d.fix}.`);
  }
  return lines.join("\n");
}

async function readInput(file: string | undefined): Promise<{ text: string; source: string }> {
  if (file && file !== "-") {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new UsageError(
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    return { text: decode(bytes, file), source: file };
  }
  if (process.stdin.isTTY) throw new UsageError(`no input: give a file or pipe text in\n${usage}`);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return { text: decode(Buffer.concat(chunks), "stdin"), source: "stdin" };
}

/**
 * Text to score, or a UsageError: a score for an image or an empty file would
 * be a number about nothing (and "grade NaN").
 */
function decode(bytes: Buffer, source: string): string {
  if (bytes.includes(0))
    throw new UsageError(`${source} is binary (it contains NUL bytes), not text`);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  let replaced = 0;
  for (let i = text.indexOf("\ufffd"); i !== -1; i = text.indexOf("\ufffd", i + 1)) replaced++;
  if (replaced > 0 && replaced * 100 > text.length)
    throw new UsageError(`${source} is not UTF-8 text (${replaced} bytes could not be read)`);
  if (text.trim() === "") throw new UsageError(`${source} is empty: there is no text to score`);
  return text;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        channel: { type: "string" },
        purpose: { type: "string" },
        subject: { type: "string" },
        brief: { type: "string" },
        config: { type: "string" },
        "min-score": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    if (positionals.length > 1)
      throw new UsageError(`one file at a time, got ${positionals.length}`);
    const channel = values.channel?.toUpperCase();
    if (channel && !channels.includes(channel as Channel))
      throw new UsageError(
        `--channel must be one of ${channels.join(", ")}, got "${values.channel}"`,
      );
    if (values.purpose && values.purpose !== "service" && values.purpose !== "marketing")
      throw new UsageError(`--purpose must be service or marketing`);
    const minScore = values["min-score"] === undefined ? undefined : Number(values["min-score"]);
    if (minScore !== undefined && (!Number.isFinite(minScore) || minScore < 0 || minScore > 100)) {
      throw new UsageError(
        `--min-score must be a number from 0 to 100, got "${values["min-score"]}"`,
      );
    }
    const brief = values.brief ? (readJson(values.brief, "brief") as Brief) : undefined;
    const ruleSet = values.config ? readJson(values.config, "rule set") : undefined;
    const { text, source } = await readInput(positionals[0]);
    let result: AnalysisResult;
    try {
      result = analyze(text, {
        channel: channel as Channel | undefined,
        purpose: values.purpose as "service" | "marketing" | undefined,
        subject: values.subject,
        brief,
        ruleSet,
      });
    } catch (error) {
      if (error instanceof RuleSetError) throw new UsageError(`${values.config}: ${error.message}`);
      if (error instanceof Error && error.name === "ZodError")
        throw new UsageError(`${values.brief}: invalid brief: ${error.message}`);
      throw error;
    }
    console.log(values.json ? JSON.stringify(result, null, 2) : human(result, text, source));
    if (minScore !== undefined && result.score < minScore) {
      console.error(`${source}: score ${result.score} is below the minimum ${minScore}`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      console.error(`conductor-clarity: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}
