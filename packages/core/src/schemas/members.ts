import { z } from "zod";
import { id } from "./common";
import { functionValues, roleValues } from "./enums";

const memberAccess = {
  functions: z.array(z.enum(functionValues)).max(6).default([]),
  roles: z.array(z.enum(roleValues)).max(3).default([]),
};

export const addMemberSchema = z.object({
  organizationId: id,
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("must be an email address")),
  name: z.string().trim().min(1, "is required").max(120),
  /** Needed only when the person has no Conductor account yet. */
  initialPassword: z.string().min(12, "must be at least 12 characters").max(200).optional(),
  ...memberAccess,
});

export const updateMemberSchema = z.object({
  organizationId: id,
  membershipId: id,
  ...memberAccess,
});
export const removeMemberSchema = z.object({ organizationId: id, membershipId: id });
