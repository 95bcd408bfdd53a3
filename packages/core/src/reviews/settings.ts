import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { reviewStagesSchema } from "../schemas";
import { ensureDefaultTemplate } from "./default-template";

/** The organisation's review set-up: templates (the default first) and the review rules. */
export async function reviewSettings(ctx: UseCaseContext, organizationId: string) {
  authorizeInOrganization(ctx, "organization.read", organizationId);
  await ensureDefaultTemplate(ctx.db, organizationId);
  const [organization, templates] = await Promise.all([
    ctx.db.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: {
        minimumScore: true,
        forbidSelfApproval: true,
        reviewReasonCodes: true,
        commsManagersEditDuringReview: true,
      },
    }),
    ctx.db.reviewTemplate.findMany({
      where: { organizationId },
      orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    }),
  ]);
  return {
    ...organization,
    templates: templates.map((t) => ({ ...t, stages: reviewStagesSchema.parse(t.stages) })),
  };
}

/** Only comms managers and admins change how reviews run. */
export const manage = (ctx: UseCaseContext, organizationId: string) =>
  authorizeInOrganization(ctx, "reviewSettings.manage", organizationId);
