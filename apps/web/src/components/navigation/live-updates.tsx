"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTRPC } from "~/trpc/react";

/** What the events route sends (see server/live-stream.ts). */
type LiveMessage = { kind: "review"; communicationId: string } | { kind: "notification" };

/**
 * Keeps open screens current when someone else decides, submits or releases:
 * listens to the organisation's server-sent events and refetches through
 * tRPC (and re-renders the server-rendered parts, such as "My reviews"), so
 * what anyone sees is still decided by the procedures' policies. The events
 * say only what kind of thing changed. After a reconnect everything is
 * refetched once, since events sent while disconnected are not replayed.
 */
export function LiveUpdates({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [state, setState] = useState<"connecting" | "open" | "closed">("connecting");

  useEffect(() => {
    const refetchReviews = () => {
      for (const queryKey of [
        trpc.reviews.pathKey(),
        trpc.communications.pathKey(),
        trpc.versions.pathKey(),
        trpc.notifications.pathKey(),
      ])
        void queryClient.invalidateQueries({ queryKey });
      router.refresh();
    };
    const source = new EventSource(
      `/api/live?organizationId=${encodeURIComponent(organizationId)}`,
    );
    let connectedBefore = false;
    source.addEventListener("ready", () => {
      if (connectedBefore) refetchReviews();
      connectedBefore = true;
      setState("open");
    });
    source.addEventListener("change", (event) => {
      const message = JSON.parse((event as MessageEvent<string>).data) as LiveMessage;
      if (message.kind === "review") refetchReviews();
      else void queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
    });
    // Removed from the organisation: the next page load says so.
    source.addEventListener("ended", () => {
      source.close();
      setState("closed");
    });
    source.addEventListener("error", () =>
      setState(source.readyState === EventSource.CLOSED ? "closed" : "connecting"),
    );
    return () => source.close();
  }, [organizationId, queryClient, router, trpc]);

  // Not shown: tests and assistive tooling can tell whether updates are live.
  return <span hidden data-live-updates={state} />;
}
