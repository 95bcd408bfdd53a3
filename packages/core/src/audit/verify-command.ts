// The audit:verify command (see cli.ts for its usage and exit codes).
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import type { Database } from "@conductor/db";
import { checkAnchors, currentAnchors, formatAnchor, parseAnchors } from "./anchor";
import { verifyAuditTrail } from "./verify";

export const usage =
  "usage: npm run audit:verify -- [--organization <slug>] [--anchors <file>] [--append-anchors <file>]";

/** Where the command writes: the console in the CLI, a buffer in tests. */
export interface CommandOutput {
  log: (line: string) => void;
  error: (line: string) => void;
}

/**
 * The verify command itself, over a database the caller opens (and closes):
 * the CLI opens the configured one; tests pass theirs. Returns the exit code.
 */
export async function runAuditVerify(
  argv: string[],
  openDb: () => Promise<{ prisma: Database; close: () => Promise<void> }>,
  output: CommandOutput = { log: console.log, error: console.error },
): Promise<number> {
  let slug: string | null = null;
  let anchorsFile: string | null = null;
  let appendTo: string | null = null;
  // Every option takes a value, so the arguments come in pairs.
  for (let i = 0; i < argv.length; i += 2) {
    const option = argv[i];
    const value = argv[i + 1];
    if (option === "--organization" && value) slug = value;
    else if (option === "--anchors" && value) anchorsFile = value;
    else if (option === "--append-anchors" && value) appendTo = value;
    else {
      output.error(`unknown option "${option}"\n${usage}`);
      return 2;
    }
  }
  let anchors: ReturnType<typeof parseAnchors>["anchors"] = [];
  if (anchorsFile) {
    if (!existsSync(anchorsFile)) {
      output.error(`no anchor file at ${anchorsFile}`);
      return 2;
    }
    const parsed = parseAnchors(readFileSync(anchorsFile, "utf8"));
    if (parsed.problems.length) {
      output.error(`${anchorsFile}: ${parsed.problems.join("; ")}`);
      return 2;
    }
    anchors = parsed.anchors;
  }
  const db = await openDb();
  try {
    const organizations = await db.prisma.organization.findMany({
      where: slug ? { slug } : {},
      select: { id: true, slug: true, name: true },
      orderBy: { slug: "asc" },
    });
    if (slug && organizations.length === 0) {
      output.error(`no organisation with the slug "${slug}"`);
      return 2;
    }
    let broken = 0;
    for (const organization of organizations) {
      const started = performance.now();
      const result = await verifyAuditTrail(db.prisma, organization.id);
      const anchored = anchorsFile ? await checkAnchors(db.prisma, anchors, organization.id) : null;
      const ms = (performance.now() - started).toFixed(0);
      const ok = result.ok && (anchored?.ok ?? true);
      const anchorNote = anchored
        ? anchored.ok
          ? ` ${anchored.checked} anchored head${anchored.checked === 1 ? "" : "s"} still in the trail.`
          : ` ${anchored.problems.join("; ")}.`
        : "";
      output.log(
        `${ok ? "ok    " : "BROKEN"} ${organization.slug} (${organization.name}): ${result.message}${anchorNote} [${ms} ms]`,
      );
      if (!ok) broken++;
    }
    if (appendTo && broken === 0) {
      const ids = new Set(organizations.map((o) => o.id));
      const heads = (await currentAnchors(db.prisma)).filter((a) => ids.has(a.organizationId));
      appendFileSync(appendTo, heads.map((h) => `${formatAnchor(h)}\n`).join(""));
      output.log(`appended ${heads.length} head${heads.length === 1 ? "" : "s"} to ${appendTo}`);
    } else if (appendTo) {
      output.log(`nothing appended to ${appendTo}: a trail is broken`);
    }
    return broken ? 1 : 0;
  } finally {
    await db.close();
  }
}
