-- CreateEnum
CREATE TYPE "TokenScope" AS ENUM ('RELEASES', 'CALL_VOLUME');

-- CreateEnum
CREATE TYPE "CallGranularity" AS ENUM ('DAY', 'WEEK');

-- CreateEnum
CREATE TYPE "CallImportSource" AS ENUM ('UPLOAD', 'FEED');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "attributionDays" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "ReleaseToken" ADD COLUMN     "scope" "TokenScope" NOT NULL DEFAULT 'RELEASES';

-- CreateTable
CREATE TABLE "CallReason" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "failureDemand" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CallReason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallVolume" (
    "organizationId" TEXT NOT NULL,
    "granularity" "CallGranularity" NOT NULL,
    "day" DATE NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "segment" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT '',
    "reference" TEXT NOT NULL DEFAULT '',
    "calls" INTEGER NOT NULL,
    "importId" TEXT NOT NULL,

    CONSTRAINT "CallVolume_pkey" PRIMARY KEY ("organizationId","granularity","reasonCode","day","segment","region","reference")
);

-- CreateTable
CREATE TABLE "CallImport" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "source" "CallImportSource" NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "granularity" "CallGranularity" NOT NULL,
    "rows" INTEGER NOT NULL,
    "changed" INTEGER NOT NULL,
    "firstDay" DATE,
    "lastDay" DATE,
    "droppedColumns" TEXT[],
    "importedById" TEXT,
    "tokenId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CallImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommunicationCallReason" (
    "communicationId" TEXT NOT NULL,
    "reasonCode" TEXT NOT NULL,

    CONSTRAINT "CommunicationCallReason_pkey" PRIMARY KEY ("communicationId","reasonCode")
);

-- CreateIndex
CREATE UNIQUE INDEX "CallReason_organizationId_code_key" ON "CallReason"("organizationId", "code");

-- CreateIndex
CREATE INDEX "CallVolume_organizationId_day_idx" ON "CallVolume"("organizationId", "day");

-- CreateIndex
CREATE INDEX "CallImport_organizationId_createdAt_idx" ON "CallImport"("organizationId", "createdAt");
