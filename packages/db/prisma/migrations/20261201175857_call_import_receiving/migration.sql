-- AlterEnum
ALTER TYPE "CallImportJobState" ADD VALUE 'RECEIVING';
