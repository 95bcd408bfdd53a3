import type { MailStatus } from "@conductor/db/enums";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";

/**
 * Each mail carries its recipient's signed unsubscribe link, which is proof
 * enough to turn their email off: an admin reading the outbox sees where
 * the link goes, never the token.
 */
const withoutToken = (text: string) =>
  text.replace(/(\/api\/unsubscribe\?token=)[A-Za-z0-9_.-]+/g, "$1…");

/**
 * The organisation's outgoing mail for its admins, newest first: what was
 * sent, what is waiting, and what could not be sent and why (no SMTP
 * configured, or the server's last answer). Never another organisation's.
 */
export async function listOutgoingMail(
  ctx: UseCaseContext,
  input: { organizationId: string; status?: MailStatus },
) {
  authorizeInOrganization(ctx, "outgoingMail.read", input.organizationId);
  const where = {
    organizationId: input.organizationId,
    ...(input.status ? { status: input.status } : {}),
  };
  const [items, byStatus] = await Promise.all([
    ctx.db.outgoingMail.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: 100,
      select: {
        id: true,
        kind: true,
        recipient: true,
        subject: true,
        html: true,
        text: true,
        headers: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        updatedAt: true,
        sentAt: true,
      },
    }),
    ctx.db.outgoingMail.groupBy({
      by: ["status"],
      where: { organizationId: input.organizationId },
      _count: { _all: true },
    }),
  ]);
  return {
    items: items.map((m) => ({
      ...m,
      html: withoutToken(m.html),
      text: withoutToken(m.text),
      headers: Object.fromEntries(
        Object.entries(m.headers as Record<string, string>).map(([name, value]) => [
          name,
          withoutToken(String(value)),
        ]),
      ),
    })),
    counts: Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])) as Partial<
      Record<MailStatus, number>
    >,
  };
}
