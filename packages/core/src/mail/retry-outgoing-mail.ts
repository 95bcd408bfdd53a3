import { randomUUID } from "node:crypto";
import { appendAuditEvent } from "../audit/audit";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorizeInOrganization } from "../policies";

/**
 * An admin sends a failed mail again (Settings → Outgoing mail): it is
 * queued with a fresh set of attempts under a new delivery job. The job
 * needs a new id because pg-boss keeps the failed one under the mail's own
 * id, and inserting an existing id is a no-op; the worker's pump queues it
 * (every worker with this same id, so still once). Only FAILED mail: sent
 * mail is never sent twice, and mail kept for want of SMTP waits for SMTP.
 */
export async function retryOutgoingMail(
  ctx: UseCaseContext,
  input: { organizationId: string; mailId: string },
) {
  const { actor } = authorizeInOrganization(ctx, "outgoingMail.retry", input.organizationId);
  return ctx.db.$transaction(async (tx) => {
    const mail = await tx.outgoingMail.findFirst({
      where: { id: input.mailId, organizationId: input.organizationId },
      select: { id: true, kind: true, status: true, attempts: true, lastError: true },
    });
    if (!mail) throw notFound("Mail");
    // Conditional, so two admins pressing at once queue it once.
    const requeued = await tx.outgoingMail.updateMany({
      where: { id: mail.id, status: "FAILED" },
      data: {
        status: "QUEUED",
        attempts: 0,
        lastError: null,
        jobId: randomUUID(),
        jobQueuedAt: null,
      },
    });
    if (requeued.count === 0)
      throw new AppError(
        "CONFLICT",
        `Only failed mail can be sent again; this one is ${mail.status === "QUEUED" ? "already queued" : mail.status === "SENT" ? "sent" : "waiting for SMTP to be configured"}`,
      );
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "OUTGOING_MAIL_RETRIED",
      actorId: actor.userId,
      payload: {
        mailId: mail.id,
        kind: mail.kind,
        attempts: mail.attempts,
        lastError: mail.lastError,
      },
    });
    return { id: mail.id, status: "QUEUED" as const };
  });
}
