-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'REVIEW_WAITING';
ALTER TYPE "NotificationKind" ADD VALUE 'CHANGES_REQUESTED';
ALTER TYPE "NotificationKind" ADD VALUE 'REVIEW_APPROVED';
ALTER TYPE "NotificationKind" ADD VALUE 'RELEASED';
ALTER TYPE "NotificationKind" ADD VALUE 'DUE_SOON';
ALTER TYPE "NotificationKind" ADD VALUE 'OVERDUE';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "dedupeKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");
