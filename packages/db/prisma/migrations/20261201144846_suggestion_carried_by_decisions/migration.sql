-- AlterEnum
ALTER TYPE "MailKind" ADD VALUE 'SUGGESTION_REJECTED';

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'SUGGESTION_REJECTED';

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "commsManagersEditDuringReview" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ReviewDecision" ADD COLUMN     "suggestions" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "withChanges" BOOLEAN NOT NULL DEFAULT false;
