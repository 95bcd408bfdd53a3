// The database's enums as zod-ready tuples. The values come from the generated
// enums (browser-safe: no Prisma client behind them), so a new enum value in
// schema.prisma reaches every schema and form at once.
import { Channel, CommunicationStatus, MemberRole, ReviewFunction } from "@conductor/db/enums";
import { z } from "zod";

/**
 * The one channel type: the Prisma enum. The editor and the rules, which may
 * import nothing internal, spell it again; `channel-check.ts` fails the build
 * if either copy drifts from this one.
 */
export type { Channel };

export const channelValues = Object.values(Channel) as [Channel, ...Channel[]];
export const channelSchema = z.enum(channelValues);

export const statusValues = Object.values(CommunicationStatus) as [
  CommunicationStatus,
  ...CommunicationStatus[],
];
export const functionValues = Object.values(ReviewFunction) as [
  ReviewFunction,
  ...ReviewFunction[],
];
export const roleValues = Object.values(MemberRole) as [MemberRole, ...MemberRole[]];
