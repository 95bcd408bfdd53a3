-- CreateEnum
CREATE TYPE "CommentSubject" AS ENUM ('TEXT', 'BRIEF');

-- AlterTable
ALTER TABLE "CommentThread" ADD COLUMN     "subject" "CommentSubject" NOT NULL DEFAULT 'TEXT';

-- CreateTable
CREATE TABLE "CustomerReading" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "communicationId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "understood" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerReading_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerReading_communicationId_idx" ON "CustomerReading"("communicationId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerReading_versionId_reviewerId_key" ON "CustomerReading"("versionId", "reviewerId");

-- AddForeignKey
ALTER TABLE "CustomerReading" ADD CONSTRAINT "CustomerReading_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "CommunicationVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerReading" ADD CONSTRAINT "CustomerReading_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
