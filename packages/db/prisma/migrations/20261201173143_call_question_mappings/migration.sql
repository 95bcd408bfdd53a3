-- AlterEnum
ALTER TYPE "AuditKind" ADD VALUE 'CALL_QUESTION_MAPPED';

-- CreateTable
CREATE TABLE "CallQuestionMapping" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "reasonCodes" TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CallQuestionMapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CallQuestionMapping_organizationId_question_key" ON "CallQuestionMapping"("organizationId", "question");

-- AddForeignKey
ALTER TABLE "CallQuestionMapping" ADD CONSTRAINT "CallQuestionMapping_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
