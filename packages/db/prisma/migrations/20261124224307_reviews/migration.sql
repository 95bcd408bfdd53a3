-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('IN_REVIEW', 'CHANGES_REQUESTED', 'REJECTED', 'APPROVED', 'RELEASED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "DecisionKind" AS ENUM ('APPROVE', 'APPROVE_WITH_COMMENTS', 'REQUEST_CHANGES', 'REJECT');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "forbidSelfApproval" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "minimumScore" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "reviewReasonCodes" TEXT[] DEFAULT ARRAY['missing-disclosure', 'inaccurate', 'unclear', 'off-tone', 'off-brief', 'other']::TEXT[];

-- CreateTable
CREATE TABLE "ReviewTemplate" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "stages" JSONB NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewAssignment" (
    "id" TEXT NOT NULL,
    "communicationId" TEXT NOT NULL,
    "function" "ReviewFunction" NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "communicationId" TEXT NOT NULL,
    "status" "ReviewStatus" NOT NULL DEFAULT 'IN_REVIEW',
    "stage" INTEGER NOT NULL DEFAULT 0,
    "stages" JSONB NOT NULL,
    "versionId" TEXT NOT NULL,
    "versionHash" TEXT NOT NULL,
    "briefRevisionId" TEXT,
    "rulesVersion" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "analysis" JSONB NOT NULL,
    "submittedById" TEXT NOT NULL,
    "overrideReason" TEXT,
    "stageDueAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "stage" INTEGER NOT NULL,
    "function" "ReviewFunction" NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "kind" "DecisionKind" NOT NULL,
    "reasonCode" TEXT,
    "comment" TEXT NOT NULL DEFAULT '',
    "versionHash" TEXT NOT NULL,
    "supersededAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Release" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "communicationId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "sendDates" TIMESTAMP(3)[],
    "recipients" INTEGER NOT NULL,
    "campaignId" TEXT,
    "releasedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReviewTemplate_organizationId_name_key" ON "ReviewTemplate"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewAssignment_communicationId_function_userId_key" ON "ReviewAssignment"("communicationId", "function", "userId");

-- CreateIndex
CREATE INDEX "Review_organizationId_status_idx" ON "Review"("organizationId", "status");

-- CreateIndex
CREATE INDEX "Review_communicationId_createdAt_idx" ON "Review"("communicationId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewDecision_reviewId_idx" ON "ReviewDecision"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "Release_reviewId_key" ON "Release"("reviewId");

-- AddForeignKey
ALTER TABLE "ReviewAssignment" ADD CONSTRAINT "ReviewAssignment_communicationId_fkey" FOREIGN KEY ("communicationId") REFERENCES "Communication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAssignment" ADD CONSTRAINT "ReviewAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_communicationId_fkey" FOREIGN KEY ("communicationId") REFERENCES "Communication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "CommunicationVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A reviewer's live decision counts once per stage, function and version,
-- whatever races the application's lock loses.
CREATE UNIQUE INDEX "ReviewDecision_one_live_per_reviewer"
  ON "ReviewDecision" ("reviewId", "stage", "function", "reviewerId", "versionHash")
  WHERE "supersededAt" IS NULL;
