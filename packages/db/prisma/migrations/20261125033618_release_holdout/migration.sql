-- CreateTable
CREATE TABLE "ReleaseHoldout" (
    "releaseId" TEXT NOT NULL,
    "sentSegment" TEXT NOT NULL,
    "heldOutSegment" TEXT NOT NULL,
    "heldOut" INTEGER NOT NULL,
    "setById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReleaseHoldout_pkey" PRIMARY KEY ("releaseId")
);

-- AddForeignKey
ALTER TABLE "ReleaseHoldout" ADD CONSTRAINT "ReleaseHoldout_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;
