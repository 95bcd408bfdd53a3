import type { AuditKind, Database, Prisma } from "@conductor/db";
import type { LoadedCommunication } from "../communications/communications";
import type { UseCaseContext } from "../context";
import { authorize } from "../policies";
import { canonicalJson } from "../versions/canonical";
import { type AuditLink, auditHash, type ChainBreak, describeBreak } from "./chain";

export interface AuditEventInput {
  organizationId: string;
  kind: AuditKind;
  actorId: string | null;
  communicationId?: string | null;
  /** What happened, in enough detail to read without the rows it names. */
  payload: Record<string, unknown>;
}

/**
 * Appends one entry to the organisation's trail inside the caller's
 * transaction, so the entry and the change it records commit together or
 * not at all. A transaction-scoped advisory lock per organisation makes
 * concurrent appends take turns: each reads the head the last one wrote.
 */
export async function appendAuditEvent(tx: Prisma.TransactionClient, input: AuditEventInput) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${input.organizationId}`}, 0))`;
  const head = await tx.auditEvent.findFirst({
    where: { organizationId: input.organizationId },
    orderBy: { sequence: "desc" },
    select: { sequence: true, hash: true },
  });
  const link: AuditLink & { kind: AuditKind } = {
    organizationId: input.organizationId,
    sequence: (head?.sequence ?? 0) + 1,
    kind: input.kind,
    actorId: input.actorId,
    communicationId: input.communicationId ?? null,
    payload: canonicalJson(input.payload),
    createdAt: new Date(),
    prevHash: head?.hash ?? "",
  };
  const hash = auditHash(link);
  const entry = await tx.auditEvent.create({
    data: { ...link, hash },
    select: { id: true, sequence: true, hash: true },
  });
  await tx.auditHead.upsert({
    where: { organizationId: input.organizationId },
    create: { organizationId: input.organizationId, sequence: link.sequence, hash },
    update: { sequence: link.sequence, hash },
  });
  return entry;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problem: ChainBreak | null;
  message: string;
}

interface FirstProblem {
  id: string;
  sequence: number;
  previousSequence: number | null;
  previousId: string | null;
  altered: boolean;
  relinked: boolean;
}

/**
 * Walks an organisation's trail in the database: every entry's hash is
 * recomputed there (the SQL twin of `auditHashInput`), each link compared
 * with the entry before it, and only the first entry that fails comes back —
 * 100,000 entries are checked without leaving the database. Entries cut
 * from the end are caught by comparing with the trail's recorded head.
 */
export async function verifyAuditTrail(
  db: Database,
  organizationId: string,
): Promise<AuditVerification> {
  const [problem] = await db.$queryRaw<FirstProblem[]>`
    WITH chain AS (
      SELECT "id", "sequence", "hash", "prevHash",
        lag("hash") OVER w AS "previousHash",
        lag("sequence") OVER w AS "previousSequence",
        lag("id") OVER w AS "previousId",
        encode(sha256(convert_to(concat_ws(E'\n',
          "organizationId", "sequence"::text, "kind"::text,
          coalesce("actorId", ''), coalesce("communicationId", ''), "payload",
          (floor(extract(epoch FROM "createdAt") * 1000))::bigint::text, "prevHash"
        ), 'UTF8')), 'hex') AS "recomputed"
      FROM "AuditEvent"
      WHERE "organizationId" = ${organizationId}
      WINDOW w AS (ORDER BY "sequence")
    )
    SELECT "id", "sequence", "previousSequence", "previousId",
      "recomputed" <> "hash" AS "altered",
      "prevHash" <> coalesce("previousHash", '') AS "relinked"
    FROM chain
    WHERE "sequence" <> coalesce("previousSequence", 0) + 1
      OR "recomputed" <> "hash"
      OR "prevHash" <> coalesce("previousHash", '')
    ORDER BY "sequence"
    LIMIT 1`;
  const fail = (found: ChainBreak, checked: number): AuditVerification => ({
    ok: false,
    checked,
    problem: found,
    message: describeBreak(found),
  });
  if (problem) {
    const sequence = Number(problem.sequence);
    const expected = Number(problem.previousSequence ?? 0) + 1;
    if (sequence !== expected)
      return fail(
        { kind: "missing", sequence: expected, afterId: problem.previousId },
        expected - 1,
      );
    return fail(
      { kind: problem.altered ? "altered" : "relinked", sequence, id: problem.id },
      sequence - 1,
    );
  }
  // Entries cut from the end leave a shorter chain that still links up.
  const [last, head] = await Promise.all([
    db.auditEvent.findFirst({
      where: { organizationId },
      orderBy: { sequence: "desc" },
      select: { id: true, sequence: true, hash: true },
    }),
    db.auditHead.findUnique({ where: { organizationId } }),
  ]);
  const checked = last?.sequence ?? 0;
  if (head && (head.sequence !== checked || head.hash !== last?.hash)) {
    return head.sequence > checked
      ? fail({ kind: "missing", sequence: checked + 1, afterId: last?.id ?? null }, checked)
      : fail({ kind: "relinked", sequence: checked, id: last?.id ?? "" }, checked);
  }
  return {
    ok: true,
    checked,
    problem: null,
    message: `All ${checked} entries verified: nothing altered or removed`,
  };
}

/** One communication's entries, oldest first, with who acted — for the JSON and CSV export. */
export async function communicationTrail(ctx: UseCaseContext, communication: LoadedCommunication) {
  authorize(
    ctx.actor,
    "communication.read",
    { kind: "communication", ...communication },
    "Communication",
  );
  const entries = await ctx.db.auditEvent.findMany({
    where: { organizationId: communication.organizationId, communicationId: communication.id },
    orderBy: { sequence: "asc" },
  });
  const actorIds = [...new Set(entries.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const people = await ctx.db.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, name: true, email: true },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  return entries.map((e) => ({
    sequence: e.sequence,
    createdAt: e.createdAt.toISOString(),
    kind: e.kind,
    actor: e.actorId ? (byId.get(e.actorId)?.name ?? e.actorId) : null,
    actorEmail: e.actorId ? (byId.get(e.actorId)?.email ?? null) : null,
    payload: JSON.parse(e.payload) as unknown,
    prevHash: e.prevHash,
    hash: e.hash,
  }));
}

/** The trail as CSV (RFC 4180 quoting); the payload column holds its JSON. */
export function trailCsv(entries: Awaited<ReturnType<typeof communicationTrail>>): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? "" : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const header = [
    "sequence",
    "createdAt",
    "kind",
    "actor",
    "actorEmail",
    "payload",
    "prevHash",
    "hash",
  ];
  const rows = entries.map((e) =>
    [
      e.sequence,
      e.createdAt,
      e.kind,
      e.actor,
      e.actorEmail,
      JSON.stringify(e.payload),
      e.prevHash,
      e.hash,
    ]
      .map(cell)
      .join(","),
  );
  return `${[header.join(","), ...rows].join("\r\n")}\r\n`;
}

/** Verifies the organisation's trail for an admin or comms manager (the page's button). */
export async function verifyOrganizationTrail(ctx: UseCaseContext, organizationId: string) {
  authorize(ctx.actor, "audit.verify", { kind: "organization", organizationId }, "Organisation");
  const started = performance.now();
  const result = await verifyAuditTrail(ctx.db, organizationId);
  return { ...result, milliseconds: Math.round(performance.now() - started) };
}
