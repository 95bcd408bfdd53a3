"use client";
import { Alert, Button, TextField } from "@conductor/ui";
import { useActionState } from "react";
import {
  acceptInvitationAction,
  type InvitationFormState,
  joinWithNewAccountAction,
} from "./actions";

const empty: InvitationFormState = { error: null, fieldErrors: {} };

export function AcceptInvitationForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(acceptInvitationAction.bind(null, token), empty);
  return (
    <form action={action} className="space-y-4">
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Button type="submit" busy={pending} className="w-full">
        Accept and join
      </Button>
    </form>
  );
}

export function NewAccountForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(
    joinWithNewAccountAction.bind(null, token),
    empty,
  );
  const field = (name: string) => state.fieldErrors[name] ?? null;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <TextField id="name" label="Your name" autoComplete="name" error={field("name")} required />
      <TextField
        id="password"
        label="Choose a password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters. Nobody else, your admin included, will know it."
        error={field("password")}
        required
      />
      <TextField
        id="confirm"
        label="Password again"
        type="password"
        autoComplete="new-password"
        error={field("confirm")}
        required
      />
      <Button type="submit" busy={pending} className="w-full">
        Set up my account and join
      </Button>
    </form>
  );
}
