-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditKind" ADD VALUE 'COMMUNICATION_UPDATED';
ALTER TYPE "AuditKind" ADD VALUE 'RELEASE_CORRECTED';
ALTER TYPE "AuditKind" ADD VALUE 'REVIEWERS_ASSIGNED';
ALTER TYPE "AuditKind" ADD VALUE 'REVIEW_SETTINGS_CHANGED';
ALTER TYPE "AuditKind" ADD VALUE 'TOKEN_CREATED';
ALTER TYPE "AuditKind" ADD VALUE 'TOKEN_REVOKED';
ALTER TYPE "AuditKind" ADD VALUE 'CALL_REASONS_MAPPED';
ALTER TYPE "AuditKind" ADD VALUE 'CALL_REASONS_CHANGED';
ALTER TYPE "AuditKind" ADD VALUE 'HOLDOUT_SET';
ALTER TYPE "AuditKind" ADD VALUE 'CALL_VOLUME_IMPORTED';
ALTER TYPE "AuditKind" ADD VALUE 'PERSONA_CHANGED';
ALTER TYPE "AuditKind" ADD VALUE 'BRIEF_TEMPLATE_CHANGED';
