-- CreateEnum
CREATE TYPE "RuleSetSource" AS ENUM ('SETTINGS', 'EVIDENCE');

-- AlterEnum
ALTER TYPE "AuditKind" ADD VALUE 'RULE_SET_ADOPTED';

-- CreateTable
CREATE TABLE "RuleSetVersion" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "ruleSet" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "source" "RuleSetSource" NOT NULL DEFAULT 'SETTINGS',
    "adoptedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RuleSetVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RuleSetVersion_organizationId_number_key" ON "RuleSetVersion"("organizationId", "number");

-- AddForeignKey
ALTER TABLE "RuleSetVersion" ADD CONSTRAINT "RuleSetVersion_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleSetVersion" ADD CONSTRAINT "RuleSetVersion_adoptedById_fkey" FOREIGN KEY ("adoptedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rule-set versions are immutable: an adopted change is history, so a new
-- change is a new row, and what scored a frozen analysis can always be read.
CREATE FUNCTION "rule_set_version_immutable"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'rule-set versions are immutable (version %)', OLD."id";
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "RuleSetVersion_no_update"
  BEFORE UPDATE ON "RuleSetVersion"
  FOR EACH ROW EXECUTE FUNCTION "rule_set_version_immutable"();
