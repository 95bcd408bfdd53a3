import type { Prisma } from "@conductor/db";
import type { UseCaseContext } from "../context";
import { defaultStages } from "./workflow";

/**
 * Provisions the organisation's default review template on first use, in its
 * own statement: inside a submission's transaction, concurrent first
 * submissions would wait on each other's uncommitted insert of the same key.
 */
export async function ensureDefaultTemplate(db: UseCaseContext["db"], organizationId: string) {
  const existing = await db.reviewTemplate.findFirst({
    where: { organizationId, isDefault: true },
    select: { id: true },
  });
  if (existing) return;
  await db.reviewTemplate.createMany({
    data: {
      organizationId,
      name: "Standard review",
      stages: defaultStages as unknown as Prisma.InputJsonValue,
      isDefault: true,
    },
    skipDuplicates: true,
  });
}
