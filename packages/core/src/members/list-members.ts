import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import type { organizationScopeSchema } from "../schemas";
import { membersOf } from "./store";

export async function listMembers(
  ctx: UseCaseContext,
  input: z.output<typeof organizationScopeSchema>,
) {
  authorizeInOrganization(ctx, "member.list", input.organizationId);
  return membersOf(ctx, input.organizationId);
}
