import { z } from "zod";
import { id } from "./common";
import { functionValues, roleValues } from "./enums";

const memberAccess = {
  functions: z.array(z.enum(functionValues)).max(6).default([]),
  roles: z.array(z.enum(roleValues)).max(3).default([]),
};

const email = z.string().trim().toLowerCase().max(254).pipe(z.email("must be an email address"));

/**
 * Adding someone is inviting them: no name and no password, because the
 * account behind an email may belong to another organisation's person.
 */
export const addMemberSchema = z.object({
  organizationId: id,
  email,
  ...memberAccess,
});

export const updateMemberSchema = z.object({
  organizationId: id,
  membershipId: id,
  ...memberAccess,
});
export const removeMemberSchema = z.object({ organizationId: id, membershipId: id });
export const memberSignOutSchema = z.object({ organizationId: id, membershipId: id });

export const revokeInvitationSchema = z.object({ organizationId: id, invitationId: id });

/** The secret from an invitation link (base64url, 43 characters as made). */
export const invitationTokenSchema = z.object({
  token: z
    .string()
    .trim()
    .min(20, "is not an invitation link")
    .max(200, "is not an invitation link")
    .regex(/^[A-Za-z0-9_-]+$/, "is not an invitation link"),
});

export const newPassword = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(200, "must be at most 200 characters");

/** Someone without an account joins: they choose their own name and password. */
export const joinWithNewAccountSchema = invitationTokenSchema.extend({
  name: z.string().trim().min(1, "is required").max(120),
  password: newPassword,
});
