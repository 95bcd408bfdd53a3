-- CreateTable
CREATE TABLE "Persona" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vignette" TEXT NOT NULL,
    "needs" TEXT[],
    "feelings" TEXT NOT NULL DEFAULT '',
    "beliefs" TEXT NOT NULL DEFAULT '',
    "preferredChannel" "Channel",
    "readingGrade" INTEGER NOT NULL,
    "accessibilityNeeds" TEXT[],
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Persona_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BriefRevision" (
    "id" TEXT NOT NULL,
    "communicationId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "personaId" TEXT,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BriefRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Persona_organizationId_name_key" ON "Persona"("organizationId", "name");

-- CreateIndex
CREATE INDEX "BriefRevision_personaId_idx" ON "BriefRevision"("personaId");

-- CreateIndex
CREATE UNIQUE INDEX "BriefRevision_communicationId_number_key" ON "BriefRevision"("communicationId", "number");

-- AddForeignKey
ALTER TABLE "BriefRevision" ADD CONSTRAINT "BriefRevision_communicationId_fkey" FOREIGN KEY ("communicationId") REFERENCES "Communication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BriefRevision" ADD CONSTRAINT "BriefRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
