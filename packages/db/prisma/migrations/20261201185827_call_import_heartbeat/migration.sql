-- AlterTable
ALTER TABLE "CallImportJob" ADD COLUMN     "heartbeatAt" TIMESTAMP(3);
