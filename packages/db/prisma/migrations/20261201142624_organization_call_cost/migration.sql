-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "costCurrency" TEXT NOT NULL DEFAULT 'USD',
ADD COLUMN     "costPerCallCents" INTEGER;
