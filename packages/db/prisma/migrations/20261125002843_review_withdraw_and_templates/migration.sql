-- AlterEnum
ALTER TYPE "AuditKind" ADD VALUE 'WITHDRAWN';

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "templateName" TEXT,
ADD COLUMN     "withdrawnReason" TEXT;
