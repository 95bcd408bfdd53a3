export {
  DEMO_ORGANIZATION_SLUG,
  DEMO_PASSWORD,
  type DemoAccount,
  type DemoSeedResult,
  demoAccounts,
  demoCallReasons,
  demoPersonas,
  demoReleasedMessage,
  otherOrganizationAccount,
  paymentReceivedVersions,
  seedDemoOrganization,
  seedOtherOrganization,
} from "./demo";
export {
  type CommunicationInput,
  createCommunication,
  createMember,
  createOrganization,
  createOrganizationWithMembers,
  createReleasedMessage,
  type MemberInput,
  type ReleasedMessageInput,
} from "./factories";
