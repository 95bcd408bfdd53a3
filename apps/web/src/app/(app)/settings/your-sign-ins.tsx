"use client";
import { Alert, Button, Card } from "@conductor/ui";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

/** Ends every sign-in of the person, this browser's too (a lost laptop, a shared computer). */
export function YourSignIns() {
  const trpc = useTRPC();
  const signOut = useMutation(
    trpc.viewer.signOutEverywhere.mutationOptions({
      onSuccess: () => window.location.assign("/signin"),
    }),
  );
  return (
    <Card title="Your sign-ins">
      <p className="mb-3 text-sm text-slate-600">
        Signed in on a computer you no longer use? End every sign-in, here and everywhere else.
      </p>
      {signOut.error ? <Alert tone="error">{signOut.error.message}</Alert> : null}
      <Button variant="secondary" busy={signOut.isPending} onClick={() => signOut.mutate()}>
        Sign out everywhere
      </Button>
    </Card>
  );
}
