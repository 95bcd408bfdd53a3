import type { Database } from "@conductor/db";
import type { MailTransport } from "./transport";

export type DeliveryOutcome =
  /** Handed to the mail server. */
  | "sent"
  /** No SMTP configured: kept, with the reason, for the outgoing-mail page. */
  | "not-configured"
  /** This attempt failed and attempts are left: the queue tries again later. */
  | "retry"
  /** The last attempt failed: kept as failed, with the server's answer. */
  | "failed"
  /** Already sent or settled (a repeated job): nothing is sent twice. */
  | "settled";

const NOT_CONFIGURED =
  "SMTP_URL is not set, so Conductor keeps mail here instead of sending it. Set SMTP_URL (and MAIL_FROM) and restart to send.";

/** A mail server's answer, kept short and free of the credentials in the URL. */
function describe(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\/\/[^@/\s]*@/g, "//…@").slice(0, 500);
}

/**
 * One delivery attempt of one queued mail. The attempt is counted before the
 * server is called, so a worker that dies mid-send still uses up an attempt
 * rather than retrying for ever.
 */
export async function deliverMail(
  db: Database,
  mailId: string,
  options: { transport: MailTransport | null; from: string; maxAttempts: number },
): Promise<DeliveryOutcome> {
  const claimed = await db.outgoingMail.updateMany({
    where: { id: mailId, status: "QUEUED" },
    data: { attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return "settled";
  const mail = await db.outgoingMail.findUniqueOrThrow({ where: { id: mailId } });
  if (!options.transport) {
    await db.outgoingMail.update({
      where: { id: mailId },
      data: { status: "NOT_CONFIGURED", lastError: NOT_CONFIGURED },
    });
    return "not-configured";
  }
  try {
    await options.transport.send({
      from: options.from,
      to: mail.recipient,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: mail.headers as Record<string, string>,
    });
  } catch (error) {
    const last = mail.attempts >= options.maxAttempts;
    await db.outgoingMail.update({
      where: { id: mailId },
      data: {
        lastError: `Attempt ${mail.attempts} of ${options.maxAttempts}: ${describe(error)}`,
        ...(last ? { status: "FAILED" } : {}),
      },
    });
    return last ? "failed" : "retry";
  }
  await db.outgoingMail.update({
    where: { id: mailId },
    data: { status: "SENT", sentAt: new Date(), lastError: null },
  });
  return "sent";
}
