import type { Database } from "../client";
import type { MemberRole, ReviewFunction } from "../generated/prisma/enums";
import { hashPassword } from "../password";
import {
  createCommunication,
  createMember,
  createOrganization,
  createReleasedMessage,
} from "./factories";

/** Every demo account signs in with this password (documented in the README). */
export const DEMO_PASSWORD = "conductor-demo";
export const DEMO_ORGANIZATION_SLUG = "harbour-energy";

export interface DemoAccount {
  email: string;
  name: string;
  functions: ReviewFunction[];
  roles: MemberRole[];
}

export const demoAccounts = {
  marketing: {
    email: "marketing@harbour.example",
    name: "Maya Patel",
    functions: ["MARKETING"],
    roles: [],
  },
  legal: { email: "legal@harbour.example", name: "Leo Okafor", functions: ["LEGAL"], roles: [] },
  compliance: {
    email: "compliance@harbour.example",
    name: "Chloe Martin",
    functions: ["COMPLIANCE"],
    roles: [],
  },
  regulatory: {
    email: "regulatory@harbour.example",
    name: "Raj Iyer",
    functions: ["REGULATORY"],
    roles: [],
  },
  accounting: {
    email: "accounting@harbour.example",
    name: "Ana Sousa",
    functions: ["ACCOUNTING"],
    roles: [],
  },
  product: {
    email: "product@harbour.example",
    name: "Priya Nair",
    functions: ["PRODUCT"],
    roles: [],
  },
  commsManager: {
    email: "comms@harbour.example",
    name: "Colm Byrne",
    functions: [],
    roles: ["COMMS_MANAGER"],
  },
  analyst: {
    email: "analyst@harbour.example",
    name: "Ade Bello",
    functions: [],
    roles: ["ANALYST"],
  },
  admin: { email: "admin@harbour.example", name: "Alex Kim", functions: [], roles: ["ADMIN"] },
} satisfies Record<string, DemoAccount>;

/** The three treatments of one payment confirmation, from the seed story. */
export const paymentReceivedVersions = {
  blackBox: {
    title: "Payment received — black box",
    body: "",
    audienceDescription:
      "Customers whose monthly payment just cleared. Black box approach: no acknowledgement is sent.",
  },
  transactional: {
    title: "Payment received — transactional",
    body: "Your payment for $177.17 was received on 4/18/17. Your next payment is due on 5/18/17.",
    audienceDescription: "Customers whose monthly payment just cleared (email confirmation).",
  },
  heartCentred: {
    title: "Payment received — heart-centred",
    body: "Thank you for being a customer! We received your payment for $177.17 today. Your next payment is due on 5/18/17. How else can we be of service?",
    audienceDescription: "Customers whose monthly payment just cleared (text message).",
  },
};

export interface DemoSeedResult {
  organizationId: string;
  userIds: Record<keyof typeof demoAccounts, string>;
}

/** Seeds the demo organisation; does nothing when it is already there. */
export async function seedDemoOrganization(db: Database): Promise<DemoSeedResult | null> {
  const existing = await db.organization.findUnique({ where: { slug: DEMO_ORGANIZATION_SLUG } });
  if (existing) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const organization = await createOrganization(db, {
    name: "Harbour Energy",
    slug: DEMO_ORGANIZATION_SLUG,
  });
  const userIds = {} as Record<keyof typeof demoAccounts, string>;
  for (const [key, account] of Object.entries(demoAccounts) as [
    keyof typeof demoAccounts,
    DemoAccount,
  ][]) {
    const { user } = await createMember(db, {
      organizationId: organization.id,
      passwordHash,
      ...account,
    });
    userIds[key] = user.id;
  }
  const owner = userIds.commsManager;
  const base = { organizationId: organization.id, ownerId: owner };
  await createCommunication(db, { ...base, ...paymentReceivedVersions.blackBox, channel: "EMAIL" });
  await createCommunication(db, {
    ...base,
    ...paymentReceivedVersions.transactional,
    channel: "EMAIL",
  });
  await createCommunication(db, {
    ...base,
    ...paymentReceivedVersions.heartCentred,
    channel: "SMS",
  });
  await createCommunication(db, {
    ...base,
    title: "Monthly account fee is changing",
    channel: "LETTER",
    audienceDescription: "Residential customers on the Standard tariff (about 48,000 households).",
    plannedSendAt: new Date("2027-01-15T09:00:00Z"),
    body:
      "Dear {{first_name}},\n\nFrom 1 March 2027 your monthly account fee will change from $4.50 to $5.25. " +
      "We are making this change because the cost of keeping your meter data safe has gone up. " +
      "You do not need to do anything. If you would like to talk about your options, call us on 0800 555 0100 " +
      "or reply to this letter.\n\nThank you for being with us.",
  });
  await createCommunication(db, {
    ...base,
    title: "Planned outage tonight",
    channel: "SMS",
    audienceDescription: "Customers in postcode areas HX1–HX4 affected by planned network work.",
    plannedSendAt: new Date("2026-12-02T14:00:00Z"),
    body:
      "Harbour Energy: power in your street will be off tonight from 11pm to 3am while we upgrade the network. " +
      "We're sorry for the disruption. Questions? Reply to this text or call 0800 555 0100.",
  });
  await db.persona.createMany({
    data: demoPersonas.map((persona) => ({ ...persona, organizationId: organization.id })),
  });
  // The contact centre's reason codes, and one message already released, so an
  // analyst has something to measure once call counts are imported.
  await db.callReason.createMany({
    data: demoCallReasons.map((reason) => ({ ...reason, organizationId: organization.id })),
  });
  await createReleasedMessage(db, {
    ...base,
    title: demoReleasedMessage.title,
    channel: "EMAIL",
    recipients: demoReleasedMessage.recipients,
    sendDates: [demoReleasedMessage.sentOn],
    // What the rules (r3) gave this text: the seed cannot run them (db sits below rules).
    score: 94,
    ruleIds: ["tone.no-appreciation"],
    reasons: ["direct-debit", "billing"],
    body: demoReleasedMessage.body,
    approvedBy: userIds.legal,
  });
  return { organizationId: organization.id, userIds };
}

/** Harbour Energy's contact-centre reason codes. */
export const demoCallReasons = [
  { code: "billing", label: "Billing question", failureDemand: false },
  { code: "direct-debit", label: "Direct debit date or amount", failureDemand: true },
  { code: "payment-failed", label: "Payment did not go through", failureDemand: true },
  { code: "outage", label: "Power cut or planned work", failureDemand: false },
  { code: "moving-home", label: "Moving home", failureDemand: false },
];

/** A message released before the demo starts: its calls are what an analyst imports. */
export const demoReleasedMessage = {
  title: "Your direct debit date is moving",
  recipients: 24_000,
  sentOn: new Date("2026-10-05T09:00:00Z"),
  body: [
    "From November we will take your direct debit on the 5th of each month, not the 1st.",
    "The amount stays the same. You do not need to do anything.",
    "If the 5th does not suit you, call us on 0800 123 456 and we will find a date that does.",
  ].join("\n\n"),
};

/** Three people Harbour Energy writes to, for briefs to be written toward. */
export const demoPersonas = [
  {
    name: "Stretched budget parent",
    vignette:
      "Works shifts, pays bills on the day wages land, and reads messages on a phone between tasks.",
    needs: [
      "Know exactly how much and when",
      "No surprises on the bill",
      "A person to call if short",
    ],
    feelings: "Anxious when a message mentions money; relieved when nothing is needed.",
    beliefs: "Companies hide the bad news in small print.",
    preferredChannel: "SMS" as const,
    readingGrade: 6,
    accessibilityNeeds: [],
  },
  {
    name: "Retired homeowner",
    vignette: "Reads every letter carefully at the kitchen table and keeps them in a folder.",
    needs: ["Plain dates and amounts", "Reassurance that nothing is wrong", "A phone number"],
    feelings: "Worried that a change means a mistake was made.",
    beliefs: "A letter is more official than an email.",
    preferredChannel: "LETTER" as const,
    readingGrade: 8,
    accessibilityNeeds: ["Large print on request"],
  },
  {
    name: "Busy small-business owner",
    vignette: "Skims email between meetings; acts only when a message says what to do and by when.",
    needs: ["The action and the deadline first", "Invoices that match the accounts"],
    feelings: "Impatient with messages that do not get to the point.",
    beliefs: "If it mattered, the subject line would say so.",
    preferredChannel: "EMAIL" as const,
    readingGrade: 10,
    accessibilityNeeds: ["Screen-reader friendly email"],
  },
];

/** A second, unrelated organisation: tests use it to prove tenant isolation. */
export const otherOrganizationAccount = {
  email: "owner@otherco.example",
  name: "Olive Other",
  functions: [],
  roles: ["COMMS_MANAGER", "ADMIN"],
} satisfies DemoAccount;

export async function seedOtherOrganization(db: Database) {
  const existing = await db.organization.findUnique({ where: { slug: "other-co" } });
  if (existing) return existing;
  const organization = await createOrganization(db, { name: "Other Co", slug: "other-co" });
  const { user } = await createMember(db, {
    organizationId: organization.id,
    password: DEMO_PASSWORD,
    ...otherOrganizationAccount,
  });
  await createCommunication(db, {
    organizationId: organization.id,
    ownerId: user.id,
    title: "Other Co quarterly statement",
    channel: "EBILL",
  });
  return organization;
}
