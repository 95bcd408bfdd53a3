// The database's enums as zod-ready tuples. The values come from the generated
// enums (browser-safe: no Prisma client behind them), so a new enum value in
// schema.prisma reaches every schema and form at once.
import { Channel, CommunicationStatus, MemberRole, ReviewFunction } from "@conductor/db/enums";

export const channelValues = Object.values(Channel) as [Channel, ...Channel[]];
export const statusValues = Object.values(CommunicationStatus) as [
  CommunicationStatus,
  ...CommunicationStatus[],
];
export const functionValues = Object.values(ReviewFunction) as [
  ReviewFunction,
  ...ReviewFunction[],
];
export const roleValues = Object.values(MemberRole) as [MemberRole, ...MemberRole[]];
