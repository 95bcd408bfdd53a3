"use client";
import { Alert, Button } from "@conductor/ui";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "~/trpc/react";

/**
 * "Send again" on a failed mail (admins): queues it with fresh attempts;
 * the page is server-rendered, so it refreshes to show the new status.
 */
export function RetryMail({ organizationId, mailId }: { organizationId: string; mailId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const retry = useMutation(trpc.mail.retry.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="mt-2 flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        disabled={retry.isPending || retry.isSuccess}
        onClick={() => retry.mutate({ organizationId, mailId })}
      >
        {retry.isPending ? "Sending again…" : retry.isSuccess ? "Queued again" : "Send again"}
      </Button>
      {retry.error ? <Alert tone="error">{retry.error.message}</Alert> : null}
    </div>
  );
}
