import type { Prisma } from "@conductor/db";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorize } from "../policies";
import { refreshCallDaily } from "./daily";
import {
  applyRemoval,
  lockOrganizationCalls,
  planRemoval,
  type RemovalEffect,
} from "./import-changes";

const isoDay = (day: Date | null) => (day ? day.toISOString().slice(0, 10) : null);

/**
 * The import, for someone who may manage call volume in its organisation.
 * Another organisation's import, or an id that names none, is not found alike.
 */
async function loadImport(ctx: UseCaseContext, importId: string) {
  if (!ctx.actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  const found = await ctx.db.callImport.findUnique({ where: { id: importId } });
  if (!found) throw notFound("Call import");
  const { actor } = authorize(
    ctx.actor,
    "calls.manage",
    { kind: "organization", organizationId: found.organizationId },
    "Call import",
  );
  return { found, actor };
}

/** As long as an import's own transaction may take (a removal undoes one); a minute to get a connection. */
const removalTransaction = { timeout: 30 * 60_000, maxWait: 60_000 };

class PlanOnly extends Error {
  constructor(readonly effect: RemovalEffect) {
    super("plan only");
  }
}

/**
 * What removing one import would change — rows removed, restored and
 * returned, days, reasons, calls out and back — worked out by the same
 * statements as the removal, in a transaction that is then rolled back.
 */
export async function callImportRemoval(ctx: UseCaseContext, input: { importId: string }) {
  const { found } = await loadImport(ctx, input.importId);
  const head = {
    importId: found.id,
    fileName: found.fileName,
    createdAt: found.createdAt,
    removedAt: found.removedAt,
  };
  if (found.removedAt) return { ...head, effect: null };
  try {
    await ctx.db.$transaction(async (tx) => {
      await lockOrganizationCalls(tx, found.organizationId);
      const { effect } = await planRemoval(tx, found.organizationId, found.id);
      throw new PlanOnly(effect);
      // An import of a million rows takes longer to plan than Prisma's default 5 s.
    }, removalTransaction);
  } catch (error) {
    if (error instanceof PlanOnly) return { ...head, effect: error.effect };
    throw error;
  }
  throw new Error("The removal plan was not made");
}

/**
 * Removes one import: the counts it set go, the counts it replaced come
 * back (as the import that set them), rows it removed return, CallDaily
 * follows — one transaction, audited. A count a later import changed since
 * keeps that later count. The import's row stays, marked removed.
 */
export async function removeCallImport(ctx: UseCaseContext, input: { importId: string }) {
  const { found, actor } = await loadImport(ctx, input.importId);
  return ctx.db.$transaction(async (tx) => {
    await lockOrganizationCalls(tx, found.organizationId);
    // Read again under the lock: two removals of one import, one after the other.
    const current = await tx.callImport.findUniqueOrThrow({ where: { id: found.id } });
    if (current.removedAt)
      throw new AppError("CONFLICT", "This import was already removed", {
        importId: "Already removed",
      });
    const { table, effect } = await planRemoval(tx, found.organizationId, found.id);
    const days = `${table}_days`;
    await tx.$executeRawUnsafe(
      `CREATE TEMP TABLE "${days}" ON COMMIT DROP AS
         SELECT DISTINCT "reasonCode" AS reason, day FROM "${table}" WHERE granularity = 'DAY'`,
    );
    await applyRemoval(tx, found.organizationId, found.id, table);
    await refreshCallDaily(tx, found.organizationId, { staged: days, rowsRemoved: true });
    const removedAt = new Date();
    await tx.callImport.update({
      where: { id: found.id },
      data: { removedAt, removedById: actor.userId },
    });
    await appendAuditEvent(tx as Prisma.TransactionClient, {
      organizationId: found.organizationId,
      kind: "CALL_VOLUME_IMPORT_REMOVED",
      actorId: actor.userId,
      payload: {
        importId: found.id,
        fileName: found.fileName,
        sha256: found.sha256,
        granularity: found.granularity,
        ...effect,
        firstDay: isoDay(effect.firstDay),
        lastDay: isoDay(effect.lastDay),
      },
    });
    return { importId: found.id, removedAt, effect };
  }, removalTransaction);
}
