-- AlterTable
ALTER TABLE "CommunicationVersion" ADD COLUMN     "briefRevisionId" TEXT;
