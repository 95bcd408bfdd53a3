// Issue 6's figure for the audit trail: verify a chain of 100,000 entries
// (goal: under 2 s), on embedded PGlite and on PostgreSQL. Prints; asserts nothing.
import { auditHash, canonicalJson, verifyAuditTrail } from "@conductor/core";
import { type DatabaseTarget, openDatabase } from "@conductor/db";
import { applyMigrations } from "@conductor/db/migrate";
import { createOrganization } from "@conductor/db/seed";
import { onEachDatabase } from "./databases";

const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 100_000);
const kinds = ["VERSION_SAVED", "BRIEF_CHANGED", "SUBMITTED", "DECIDED"] as const;

/** Writes a valid chain directly (the append path takes a lock per entry; this is setup). */
async function writeChain(target: DatabaseTarget) {
  const db = await openDatabase(target);
  await applyMigrations(db.connection);
  const organizationId = (await createOrganization(db.prisma)).id;
  let prevHash = "";
  const start = Date.now() - ENTRIES * 1000;
  for (let from = 1; from <= ENTRIES; from += 5000) {
    const rows = [];
    for (let sequence = from; sequence < Math.min(from + 5000, ENTRIES + 1); sequence++) {
      const link = {
        organizationId,
        sequence,
        kind: kinds[sequence % kinds.length]!,
        actorId: `user${sequence % 40}`,
        communicationId: `communication${sequence % 900}`,
        payload: canonicalJson({
          number: sequence,
          name: `Version ${sequence}`,
          hash: "ab".repeat(32),
        }),
        createdAt: new Date(start + sequence * 1000),
        prevHash,
      };
      const hash = auditHash(link);
      rows.push({ ...link, hash });
      prevHash = hash;
    }
    await db.prisma.auditEvent.createMany({ data: rows });
  }
  await db.prisma.auditHead.create({ data: { organizationId, sequence: ENTRIES, hash: prevHash } });
  return { db, organizationId };
}

async function measure(name: string, target: DatabaseTarget) {
  const { db, organizationId } = await writeChain(target);
  try {
    const times: number[] = [];
    let checked = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const result = await verifyAuditTrail(db.prisma, organizationId);
      times.push(performance.now() - started);
      if (!result.ok) throw new Error(`bench chain did not verify: ${result.message}`);
      checked = result.checked;
    }
    times.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(11)} ${String(checked).padStart(8)}   ${(times[1]! / 1000).toFixed(2).padStart(6)}   ${(times[0]! / 1000).toFixed(2).padStart(6)}`,
    );
  } finally {
    await db.close();
  }
}

export async function auditBench(): Promise<void> {
  console.log(`\nVerify an audit chain (goal: ${ENTRIES.toLocaleString("en")} entries under 2 s)`);
  console.log("database     entries   median s   best s");
  await onEachDatabase("audit", measure);
}
