-- AlterEnum
ALTER TYPE "AuditKind" ADD VALUE 'CALL_VOLUME_IMPORT_REMOVED';

-- AlterTable
ALTER TABLE "CallImport" ADD COLUMN     "removedAt" TIMESTAMP(3),
ADD COLUMN     "removedById" TEXT;

-- CreateTable
CREATE TABLE "CallVolumeChange" (
    "importId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "granularity" "CallGranularity" NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "segment" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "calls" INTEGER,
    "previousCalls" INTEGER,
    "previousImportId" TEXT,

    CONSTRAINT "CallVolumeChange_pkey" PRIMARY KEY ("importId","granularity","reasonCode","day","segment","region","reference")
);

-- CreateIndex
CREATE INDEX "CallVolumeChange_organizationId_previousImportId_idx" ON "CallVolumeChange"("organizationId", "previousImportId");

-- CreateIndex
CREATE INDEX "CallVolumeChange_organizationId_granularity_reasonCode_day__idx" ON "CallVolumeChange"("organizationId", "granularity", "reasonCode", "day", "segment", "region", "reference");

-- AddForeignKey
ALTER TABLE "CallImport" ADD CONSTRAINT "CallImport_removedById_fkey" FOREIGN KEY ("removedById") REFERENCES "User"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
