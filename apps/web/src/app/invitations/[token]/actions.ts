"use server";
import { AppError, joinWithNewAccount } from "@conductor/core";
import { fieldErrorsOf, joinWithNewAccountSchema } from "@conductor/core/schemas";
import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { serverApi } from "~/server/api";
import { getDb } from "~/server/db";

export interface InvitationFormState {
  error: string | null;
  fieldErrors: Record<string, string>;
}

const messageOf = (error: unknown) =>
  error instanceof AppError || error instanceof TRPCError ? error.message : null;

/** A signed-in person accepts; the API checks the token and that it is their address. */
export async function acceptInvitationAction(
  token: string,
  _state: InvitationFormState,
): Promise<InvitationFormState> {
  try {
    await (await serverApi()).invitations.accept({ token });
  } catch (error) {
    const message = messageOf(error);
    if (!message) throw error;
    return { error: message, fieldErrors: {} };
  }
  redirect("/communications");
}

/** Someone without an account sets one up with their own name and password. */
export async function joinWithNewAccountAction(
  token: string,
  _state: InvitationFormState,
  form: FormData,
): Promise<InvitationFormState> {
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? "")) {
    return { error: null, fieldErrors: { confirm: "Does not match the password" } };
  }
  const parsed = joinWithNewAccountSchema.safeParse({
    token,
    name: String(form.get("name") ?? ""),
    password,
  });
  if (!parsed.success) return { error: null, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await joinWithNewAccount(await getDb(), parsed.data);
  } catch (error) {
    const message = messageOf(error);
    if (!message) throw error;
    return { error: message, fieldErrors: {} };
  }
  redirect("/signin?joined=1");
}
