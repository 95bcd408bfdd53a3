import type {
  Channel,
  CommunicationStatus,
  MemberRole,
  ReviewFunction,
} from "../generated/prisma/enums";
import type { Database } from "../client";
import { hashPassword } from "../password";

// Reusable builders for seeds and tests: each takes only what the caller cares
// about and fills the rest with believable values.

let sequence = 0;
const next = () => ++sequence;

export async function createOrganization(
  db: Database,
  input: { name?: string; slug?: string } = {},
) {
  const n = next();
  const name = input.name ?? `Organisation ${n}`;
  const slug = input.slug ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${n}`;
  return db.organization.create({ data: { name, slug } });
}

export interface MemberInput {
  organizationId: string;
  email?: string;
  name?: string;
  password?: string;
  functions?: ReviewFunction[];
  roles?: MemberRole[];
  /** Pre-computed hash, to skip scrypt when many members share a password. */
  passwordHash?: string;
}

/** A user and their membership in one organisation. */
export async function createMember(db: Database, input: MemberInput) {
  const n = next();
  const email = (input.email ?? `member${n}@example.test`).toLowerCase();
  const passwordHash =
    input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  const user = await db.user.upsert({
    where: { email },
    create: { email, name: input.name ?? `Member ${n}`, passwordHash },
    update: {},
  });
  const membership = await db.membership.create({
    data: {
      organizationId: input.organizationId,
      userId: user.id,
      functions: input.functions ?? [],
      roles: input.roles ?? [],
    },
  });
  return { user, membership };
}

export interface CommunicationInput {
  organizationId: string;
  ownerId: string;
  title?: string;
  channel?: Channel;
  audienceDescription?: string;
  plannedSendAt?: Date | null;
  status?: CommunicationStatus;
  body?: string;
}

export async function createCommunication(db: Database, input: CommunicationInput) {
  const n = next();
  return db.communication.create({
    data: {
      organizationId: input.organizationId,
      ownerId: input.ownerId,
      title: input.title ?? `Communication ${n}`,
      channel: input.channel ?? "EMAIL",
      audienceDescription: input.audienceDescription ?? "All customers",
      plannedSendAt: input.plannedSendAt ?? null,
      status: input.status ?? "DRAFT",
      body: input.body ?? "",
    },
  });
}
