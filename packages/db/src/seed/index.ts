export {
  createCommunication,
  createMember,
  createOrganization,
  type CommunicationInput,
  type MemberInput,
} from "./factories";
export {
  DEMO_ORGANIZATION_SLUG,
  DEMO_PASSWORD,
  demoAccounts,
  demoPersonas,
  otherOrganizationAccount,
  paymentReceivedVersions,
  seedDemoOrganization,
  seedOtherOrganization,
  type DemoAccount,
  type DemoSeedResult,
} from "./demo";
