import { messageSchema } from "@conductor/editor";
import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { AuditPayloads } from "../audit/events";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorizeCommunication } from "../policies";
import type { updateCommunicationSchema } from "../schemas";
import type { LoadedCommunication } from "./load";
import { summarySelect } from "./summary";

type Changes = AuditPayloads["COMMUNICATION_UPDATED"]["changes"];
const asText = (value: string | Date | null | undefined) =>
  value instanceof Date ? value.toISOString() : (value ?? null);

/**
 * Changes a communication's own fields: title, audience, planned send date,
 * and — while it is a draft and its text fits — the channel. Status is not
 * among them: it moves only through the review workflow (submit, decide,
 * withdraw, release). Every change is one audit entry with what it was.
 */
export async function updateCommunication(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  data: z.output<typeof updateCommunicationSchema>,
) {
  const { actor } = authorizeCommunication(ctx, "communication.update", communication);
  const { communicationId: _id, status: _status, ...requested } = data;
  return ctx.db.$transaction(async (tx) => {
    const current = await tx.communication.findUniqueOrThrow({
      where: { id: communication.id },
      select: {
        title: true,
        channel: true,
        audienceDescription: true,
        plannedSendAt: true,
        status: true,
        document: { select: { json: true } },
      },
    });
    const changes: Changes = {};
    for (const field of ["title", "channel", "audienceDescription", "plannedSendAt"] as const) {
      const to = requested[field];
      if (to === undefined) continue;
      const from = asText(current[field]);
      if (from !== asText(to)) changes[field] = { from, to: asText(to) };
    }
    if (changes.channel && requested.channel) {
      if (current.status !== "DRAFT")
        throw new AppError(
          "CONFLICT",
          "The channel can change only while the message is a draft",
          { channel: "can change only while the message is a draft" },
          "CHANNEL_LOCKED",
        );
      if (current.document && !fitsChannel(current.document.json, requested.channel))
        throw new AppError(
          "CONFLICT",
          "The text uses formatting this channel cannot show (headings, lists, bold or links); remove it first",
          { channel: "the text uses formatting this channel cannot show" },
          "CHANNEL_DOES_NOT_FIT",
        );
    }
    if (Object.keys(changes).length === 0)
      return tx.communication.findUniqueOrThrow({
        where: { id: communication.id },
        select: summarySelect,
      });
    const updated = await tx.communication.update({
      where: { id: communication.id },
      data: Object.fromEntries(
        Object.keys(changes).map((field) => [field, requested[field as keyof typeof requested]]),
      ),
      select: summarySelect,
    });
    await appendAuditEvent(tx, {
      organizationId: communication.organizationId,
      kind: "COMMUNICATION_UPDATED",
      actorId: actor.userId,
      communicationId: communication.id,
      payload: { changes },
    });
    return updated;
  });
}

/** Whether the stored editor document is valid in the channel's schema (SMS has no headings…). */
function fitsChannel(json: unknown, channel: Parameters<typeof messageSchema>[0]): boolean {
  try {
    messageSchema(channel).nodeFromJSON(json).check();
    return true;
  } catch {
    return false;
  }
}
