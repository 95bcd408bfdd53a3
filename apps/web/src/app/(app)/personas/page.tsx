import { can } from "@conductor/core";
import { PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import { currentWorkspace } from "~/server/organization";
import { PersonaLibrary } from "./persona-library";

export const metadata: Metadata = { title: "Personas" };

export default async function PersonasPage() {
  const { actor, membership } = await currentWorkspace();
  const organizationId = membership.organizationId;
  return (
    <>
      <PageHeader
        title="Personas"
        description="Who our messages are written for. A brief names one; the brief check reads to their grade."
      />
      <PersonaLibrary
        organizationId={organizationId}
        canManage={can(actor, "persona.manage", { kind: "organization", organizationId })}
      />
    </>
  );
}
