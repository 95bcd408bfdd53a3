-- CreateEnum
CREATE TYPE "CallImportJobState" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- AlterEnum
ALTER TYPE "AuditKind" ADD VALUE 'WEBHOOK_DELIVERY_RETRIED';

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "jobId" TEXT;

-- CreateTable
CREATE TABLE "CallImportJob" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "state" "CallImportJobState" NOT NULL DEFAULT 'QUEUED',
    "dryRun" BOOLEAN NOT NULL,
    "fileName" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "bytesTotal" INTEGER NOT NULL,
    "bytesRead" INTEGER NOT NULL DEFAULT 0,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "error" TEXT,
    "jobQueuedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "CallImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallImportJobChunk" (
    "jobId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "CallImportJobChunk_pkey" PRIMARY KEY ("jobId","seq")
);

-- CreateIndex
CREATE INDEX "CallImportJob_state_jobQueuedAt_idx" ON "CallImportJob"("state", "jobQueuedAt");

-- CreateIndex
CREATE INDEX "CallImportJob_organizationId_createdAt_idx" ON "CallImportJob"("organizationId", "createdAt");

-- AddForeignKey
ALTER TABLE "CallImportJob" ADD CONSTRAINT "CallImportJob_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallImportJobChunk" ADD CONSTRAINT "CallImportJobChunk_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "CallImportJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
