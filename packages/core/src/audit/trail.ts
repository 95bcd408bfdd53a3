import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { authorizeCommunication } from "../policies";

/** One communication's entries, oldest first, with who acted — for the JSON and CSV export. */
export async function communicationTrail(ctx: UseCaseContext, communication: LoadedCommunication) {
  authorizeCommunication(ctx, "communication.read", communication);
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
