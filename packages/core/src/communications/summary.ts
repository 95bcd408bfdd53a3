import type { Communication, Prisma } from "@conductor/db";

/** What the list and detail views show; the body stays out of lists. */
export interface CommunicationSummary {
  id: string;
  organizationId: string;
  title: string;
  channel: Communication["channel"];
  status: Communication["status"];
  audienceDescription: string;
  plannedSendAt: Date | null;
  owner: { id: string; name: string };
  createdAt: Date;
  updatedAt: Date;
}

export const summarySelect = {
  id: true,
  organizationId: true,
  title: true,
  channel: true,
  status: true,
  audienceDescription: true,
  plannedSendAt: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
} satisfies Prisma.CommunicationSelect;
