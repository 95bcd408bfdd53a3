-- AlterTable
ALTER TABLE "Release" ADD COLUMN     "releasedByTokenId" TEXT,
ALTER COLUMN "releasedById" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ReleaseToken" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ReleaseToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseToken_tokenHash_key" ON "ReleaseToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ReleaseToken_organizationId_idx" ON "ReleaseToken"("organizationId");
