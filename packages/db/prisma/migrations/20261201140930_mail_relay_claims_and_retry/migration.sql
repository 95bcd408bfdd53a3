-- AlterEnum
ALTER TYPE "AuditKind" ADD VALUE 'OUTGOING_MAIL_RETRIED';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "relayClaim" TEXT,
ADD COLUMN     "relayClaimedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "OutgoingMail" ADD COLUMN     "jobId" TEXT;
