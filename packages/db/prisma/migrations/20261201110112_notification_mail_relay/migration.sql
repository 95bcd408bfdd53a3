-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "mailedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Notification_mailedAt_idx" ON "Notification"("mailedAt");

-- Notifications made before email existed are not mailed now, months late.
UPDATE "Notification" SET "mailedAt" = "createdAt", "digestedAt" = "createdAt";
