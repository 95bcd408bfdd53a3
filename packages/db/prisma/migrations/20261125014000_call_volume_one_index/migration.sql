-- DropIndex
DROP INDEX "CallVolume_organizationId_day_idx";
