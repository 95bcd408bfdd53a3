-- CreateEnum
CREATE TYPE "AuditKind" AS ENUM ('COMMUNICATION_CREATED', 'VERSION_SAVED', 'BRIEF_CHANGED', 'SUBMITTED', 'DECIDED', 'SUPERSEDED', 'OVERRIDE', 'RELEASED', 'MEMBERSHIP_CHANGED');

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" "AuditKind" NOT NULL,
    "actorId" TEXT,
    "communicationId" TEXT,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditHead" (
    "organizationId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditHead_pkey" PRIMARY KEY ("organizationId")
);

-- CreateIndex
CREATE INDEX "AuditEvent_communicationId_sequence_idx" ON "AuditEvent"("communicationId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_organizationId_sequence_key" ON "AuditEvent"("organizationId", "sequence");


-- The trail is append-only: corrections are new entries, never edits.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only (entry %)', OLD."id";
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
