-- CreateTable
CREATE TABLE "CommunicationDocument" (
    "communicationId" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "json" JSONB NOT NULL,
    "text" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommunicationDocument_pkey" PRIMARY KEY ("communicationId")
);

-- AddForeignKey
ALTER TABLE "CommunicationDocument" ADD CONSTRAINT "CommunicationDocument_communicationId_fkey" FOREIGN KEY ("communicationId") REFERENCES "Communication"("id") ON DELETE CASCADE ON UPDATE CASCADE;
