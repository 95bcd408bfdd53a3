export {
  createCommunication,
  createMember,
  createOrganization,
  createReleasedMessage,
  type CommunicationInput,
  type ReleasedMessageInput,
  type MemberInput,
} from "./factories";
export {
  DEMO_ORGANIZATION_SLUG,
  DEMO_PASSWORD,
  demoAccounts,
  demoCallReasons,
  demoPersonas,
  demoReleasedMessage,
  otherOrganizationAccount,
  paymentReceivedVersions,
  seedDemoOrganization,
  seedOtherOrganization,
  type DemoAccount,
  type DemoSeedResult,
} from "./demo";
