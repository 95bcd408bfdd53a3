"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { requestContext } from "~/server/api";
import { ORGANIZATION_COOKIE } from "~/server/organization";

export async function switchOrganization(formData: FormData) {
  const organizationId = String(formData.get("organizationId") ?? "");
  const { actor } = await requestContext();
  // Only an organisation the person belongs to can become active.
  if (actor?.memberships.some((m) => m.organizationId === organizationId)) {
    (await cookies()).set(ORGANIZATION_COOKIE, organizationId, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
    });
  }
  redirect("/communications");
}
