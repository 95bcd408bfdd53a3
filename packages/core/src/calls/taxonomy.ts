import type { Channel } from "@conductor/db/enums";
import type { z } from "zod";
import type { LoadedCommunication } from "../communications/communications";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorize } from "../policies";
import type {
  saveCallReasonsSchema,
  setAttributionDaysSchema,
  setReleaseHoldoutSchema,
} from "../schemas";
import { attributionWindows } from "./attribution";

const organization = (organizationId: string) => ({
  kind: "organization" as const,
  organizationId,
});

/** The organisation's reason codes, the attribution windows, and what was imported when. */
export async function callSettings(ctx: UseCaseContext, organizationId: string) {
  authorize(ctx.actor, "calls.read", organization(organizationId), "Organisation");
  const [reasons, org, imports] = await Promise.all([
    ctx.db.callReason.findMany({ where: { organizationId }, orderBy: { code: "asc" } }),
    ctx.db.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { attributionDays: true },
    }),
    ctx.db.callImport.findMany({
      where: { organizationId },
      orderBy: { createdAt: "desc" },
      take: 20,
    }),
  ]);
  return { reasons, windows: attributionWindows(org.attributionDays), imports };
}

/**
 * Adds or relabels reason codes (codes are kept: data refers to them).
 * All or nothing, in one transaction.
 */
export async function saveCallReasons(
  ctx: UseCaseContext,
  input: z.output<typeof saveCallReasonsSchema>,
) {
  authorize(ctx.actor, "calls.manage", organization(input.organizationId), "Organisation");
  const codes = input.reasons.map((r) => r.code);
  const repeated = codes.find((code, i) => codes.indexOf(code) !== i);
  if (repeated)
    throw new AppError("INVALID_INPUT", `Reason code "${repeated}" is listed twice`, {
      reasons: `"${repeated}" is listed twice`,
    });
  await ctx.db.$transaction(
    input.reasons.map((reason) =>
      ctx.db.callReason.upsert({
        where: { organizationId_code: { organizationId: input.organizationId, code: reason.code } },
        create: { organizationId: input.organizationId, ...reason },
        update: { label: reason.label, failureDemand: reason.failureDemand },
      }),
    ),
  );
  return callSettings(ctx, input.organizationId);
}

export async function setAttributionDays(
  ctx: UseCaseContext,
  input: z.output<typeof setAttributionDaysSchema>,
) {
  authorize(ctx.actor, "calls.manage", organization(input.organizationId), "Organisation");
  await ctx.db.organization.update({
    where: { id: input.organizationId },
    data: { attributionDays: input.days as Partial<Record<Channel, number>> },
  });
  return callSettings(ctx, input.organizationId);
}

/** The reason codes a communication is expected to drive. */
export async function communicationCallReasons(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
) {
  const rows = await ctx.db.communicationCallReason.findMany({
    where: { communicationId: communication.id },
    orderBy: { reasonCode: "asc" },
  });
  return rows.map((r) => r.reasonCode);
}

export async function setCommunicationCallReasons(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  reasonCodes: string[],
) {
  authorize(
    ctx.actor,
    "calls.mapCommunication",
    { kind: "communication", ...communication },
    "Communication",
  );
  const known = await ctx.db.callReason.findMany({
    where: { organizationId: communication.organizationId, code: { in: reasonCodes } },
    select: { code: true },
  });
  const unknown = reasonCodes.filter((code) => !known.some((k) => k.code === code));
  if (unknown.length)
    throw new AppError("INVALID_INPUT", `Not in the reason taxonomy: ${unknown.join(", ")}`, {
      reasonCodes: `Unknown: ${unknown.join(", ")}`,
    });
  await ctx.db.$transaction([
    ctx.db.communicationCallReason.deleteMany({ where: { communicationId: communication.id } }),
    ctx.db.communicationCallReason.createMany({
      data: [...new Set(reasonCodes)].map((reasonCode) => ({
        communicationId: communication.id,
        reasonCode,
      })),
    }),
  ]);
  return communicationCallReasons(ctx, communication);
}

/**
 * Says that a release held some customers back, and how the call data tells
 * the two groups apart; or (null) that it did not. The release must be one
 * of this communication's.
 */
export async function setReleaseHoldout(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: Pick<z.output<typeof setReleaseHoldoutSchema>, "releaseId" | "holdout">,
) {
  const { actor } = authorize(
    ctx.actor,
    "calls.mapCommunication",
    { kind: "communication", ...communication },
    "Communication",
  );
  const release = await ctx.db.release.findFirst({
    where: { id: input.releaseId, communicationId: communication.id },
    select: { id: true, recipients: true },
  });
  if (!release)
    throw new AppError("NOT_FOUND", "This communication has no such release", {
      releaseId: "Not a release of this communication",
    });
  if (!input.holdout) {
    await ctx.db.releaseHoldout.deleteMany({ where: { releaseId: release.id } });
    return null;
  }
  const data = { ...input.holdout, setById: actor.userId };
  return ctx.db.releaseHoldout.upsert({
    where: { releaseId: release.id },
    create: { releaseId: release.id, ...data },
    update: data,
    select: { releaseId: true, sentSegment: true, heldOutSegment: true, heldOut: true },
  });
}
