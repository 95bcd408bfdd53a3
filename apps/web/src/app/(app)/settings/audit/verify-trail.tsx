"use client";
import { Alert, Button } from "@conductor/ui";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

/** Walks the whole trail on demand and says whether it holds, or where it breaks. */
export function VerifyTrail(props: { organizationId: string }) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.audit.verify.mutationOptions());
  return (
    <div className="space-y-4">
      <Button
        onClick={() => verify.mutate({ organizationId: props.organizationId })}
        busy={verify.isPending}
      >
        Verify the audit trail
      </Button>
      {verify.data ? (
        <Alert
          tone={verify.data.ok ? "success" : "error"}
          title={verify.data.ok ? "The trail is intact" : "The trail was tampered with"}
        >
          <span data-verify-result={verify.data.ok ? "ok" : "broken"}>{verify.data.message}</span> (
          {verify.data.checked.toLocaleString("en")} entries checked in {verify.data.milliseconds}{" "}
          ms)
        </Alert>
      ) : null}
      {verify.error ? (
        <Alert tone="error" title="Could not verify">
          {verify.error.message}
        </Alert>
      ) : null}
    </div>
  );
}
