-- CreateTable
CREATE TABLE "CommunicationDocumentUpdate" (
    "id" BIGSERIAL NOT NULL,
    "communicationId" TEXT NOT NULL,
    "update" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommunicationDocumentUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommunicationDocumentUpdate_communicationId_id_idx" ON "CommunicationDocumentUpdate"("communicationId", "id");
