// Anchoring the trail outside the database. The head (newest sequence and
// hash) proves a cut from the end only while the head row itself is honest;
// a superuser can cut entries and rewrite the head together. So the heads
// are also written, from time to time, to an append-only file the database
// cannot touch (a WORM bucket, a ticket, a printed certificate), and verify
// checks that every anchored entry is still there with the same hash.
import type { Database } from "@conductor/db";

/** One anchored head: "organisation sequence hash time", one per line. */
export interface AuditAnchor {
  organizationId: string;
  sequence: number;
  hash: string;
  anchoredAt: string;
}

export function formatAnchor(anchor: AuditAnchor): string {
  return `${anchor.organizationId} ${anchor.sequence} ${anchor.hash} ${anchor.anchoredAt}`;
}

/** Reads an anchor file; a malformed line is reported with its number, never skipped. */
export function parseAnchors(text: string): { anchors: AuditAnchor[]; problems: string[] } {
  const anchors: AuditAnchor[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const [organizationId, sequence, hash, anchoredAt, ...rest] = trimmed.split(/\s+/);
    if (
      !organizationId ||
      !/^\d+$/.test(sequence ?? "") ||
      !hash ||
      !/^[0-9a-f]{64}$/.test(hash) ||
      !anchoredAt ||
      rest.length > 0
    ) {
      problems.push(`line ${index + 1} is not "organisation sequence hash time"`);
      return;
    }
    anchors.push({ organizationId, sequence: Number(sequence), hash, anchoredAt });
  });
  return { anchors, problems };
}

/** Every organisation's current head, to append to the anchor file. */
export async function currentAnchors(db: Database, now = new Date()): Promise<AuditAnchor[]> {
  const heads = await db.auditHead.findMany({ orderBy: { organizationId: "asc" } });
  return heads.map((head) => ({
    organizationId: head.organizationId,
    sequence: head.sequence,
    hash: head.hash,
    anchoredAt: now.toISOString(),
  }));
}

export interface AnchorCheck {
  ok: boolean;
  checked: number;
  /** One sentence per anchor the trail no longer matches. */
  problems: string[];
}

/**
 * Checks the trail against anchors: the entry each names must still exist
 * with the same hash. (verifyAuditTrail then proves everything before it.)
 */
export async function checkAnchors(
  db: Database,
  anchors: AuditAnchor[],
  organizationId?: string,
): Promise<AnchorCheck> {
  const relevant = anchors.filter((a) => !organizationId || a.organizationId === organizationId);
  const problems: string[] = [];
  for (const anchor of relevant) {
    const entry = await db.auditEvent.findUnique({
      where: {
        organizationId_sequence: {
          organizationId: anchor.organizationId,
          sequence: anchor.sequence,
        },
      },
      select: { hash: true },
    });
    if (!entry)
      problems.push(
        `entry ${anchor.sequence} of ${anchor.organizationId}, anchored ${anchor.anchoredAt}, is missing: the trail was cut`,
      );
    else if (entry.hash !== anchor.hash)
      problems.push(
        `entry ${anchor.sequence} of ${anchor.organizationId} no longer has the hash anchored ${anchor.anchoredAt}: the trail was rewritten`,
      );
  }
  return { ok: problems.length === 0, checked: relevant.length, problems };
}
