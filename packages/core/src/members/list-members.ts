import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { authorize } from "../policies";
import type { organizationScopeSchema } from "../schemas";
import { membersOf } from "./store";

export async function listMembers(
  ctx: UseCaseContext,
  input: z.output<typeof organizationScopeSchema>,
) {
  authorize(
    ctx.actor,
    "member.list",
    { kind: "organization", organizationId: input.organizationId },
    "Organisation",
  );
  return membersOf(ctx, input.organizationId);
}
