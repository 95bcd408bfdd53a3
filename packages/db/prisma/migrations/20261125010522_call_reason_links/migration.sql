-- AddForeignKey
ALTER TABLE "CommunicationCallReason" ADD CONSTRAINT "CommunicationCallReason_communicationId_fkey" FOREIGN KEY ("communicationId") REFERENCES "Communication"("id") ON DELETE CASCADE ON UPDATE CASCADE;
