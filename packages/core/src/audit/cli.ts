// `npm run audit:verify -- [--organization <slug>] [--anchors <file>] [--append-anchors <file>]`:
// walks each organisation's audit trail and names the first entry that was
// altered or removed. With --anchors, also checks the trail against head
// hashes anchored outside the database earlier (a cut from the end that
// rewrote the head too shows there). With --append-anchors, appends every
// organisation's current head to that file after a clean verification.
// Exit 0: every trail verified; 1: a trail is broken; 2: bad usage.
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { openDatabase } from "@conductor/db";
import { checkAnchors, currentAnchors, formatAnchor, parseAnchors } from "./anchor";
import { verifyAuditTrail } from "./verify";

const usage =
  "usage: npm run audit:verify -- [--organization <slug>] [--anchors <file>] [--append-anchors <file>]";

async function main(argv: string[]): Promise<number> {
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
      console.error(`unknown option "${option}"\n${usage}`);
      return 2;
    }
  }
  let anchors: ReturnType<typeof parseAnchors>["anchors"] = [];
  if (anchorsFile) {
    if (!existsSync(anchorsFile)) {
      console.error(`no anchor file at ${anchorsFile}`);
      return 2;
    }
    const parsed = parseAnchors(readFileSync(anchorsFile, "utf8"));
    if (parsed.problems.length) {
      console.error(`${anchorsFile}: ${parsed.problems.join("; ")}`);
      return 2;
    }
    anchors = parsed.anchors;
  }
  const db = await openDatabase();
  try {
    const organizations = await db.prisma.organization.findMany({
      where: slug ? { slug } : {},
      select: { id: true, slug: true, name: true },
      orderBy: { slug: "asc" },
    });
    if (slug && organizations.length === 0) {
      console.error(`no organisation with the slug "${slug}"`);
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
      console.log(
        `${ok ? "ok    " : "BROKEN"} ${organization.slug} (${organization.name}): ${result.message}${anchorNote} [${ms} ms]`,
      );
      if (!ok) broken++;
    }
    if (appendTo && broken === 0) {
      const ids = new Set(organizations.map((o) => o.id));
      const heads = (await currentAnchors(db.prisma)).filter((a) => ids.has(a.organizationId));
      appendFileSync(appendTo, heads.map((h) => `${formatAnchor(h)}\n`).join(""));
      console.log(`appended ${heads.length} head${heads.length === 1 ? "" : "s"} to ${appendTo}`);
    } else if (appendTo) {
      console.log(`nothing appended to ${appendTo}: a trail is broken`);
    }
    return broken ? 1 : 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
