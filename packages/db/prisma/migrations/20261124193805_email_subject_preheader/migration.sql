-- AlterTable
ALTER TABLE "Communication" ADD COLUMN     "preheader" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "subject" TEXT NOT NULL DEFAULT '';
