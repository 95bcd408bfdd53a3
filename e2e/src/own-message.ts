import { openDatabase } from "@conductor/db";
import {
  createCommunication,
  DEMO_ORGANIZATION_SLUG,
  demoAccounts,
  paymentReceivedVersions,
} from "@conductor/db/seed";
import { inject } from "vitest";

/**
 * Gives a browser test its own copy of the demo payment confirmation, titled
 * `title`, in the demo organisation. Browser tests that edit a message each
 * need their own: on the shared demo message one file's leftovers (a pending
 * suggestion, a removed amount) changed what the next one found, and the
 * order Vitest runs files in is not fixed.
 */
export async function ownPaymentMessage(title: string): Promise<string> {
  const opened = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  try {
    const db = opened.prisma;
    const organization = await db.organization.findUniqueOrThrow({
      where: { slug: DEMO_ORGANIZATION_SLUG },
    });
    const owner = await db.user.findUniqueOrThrow({
      where: { email: demoAccounts.commsManager.email },
    });
    const { id } = await createCommunication(db, {
      organizationId: organization.id,
      ownerId: owner.id,
      ...paymentReceivedVersions.transactional,
      title,
      channel: "EMAIL",
    });
    return id;
  } finally {
    await opened.close();
  }
}
