-- DropIndex
DROP INDEX "Communication_organizationId_updatedAt_id_idx";

-- CreateIndex
CREATE INDEX "Communication_organizationId_updatedAt_id_idx" ON "Communication"("organizationId", "updatedAt" DESC, "id" DESC);
