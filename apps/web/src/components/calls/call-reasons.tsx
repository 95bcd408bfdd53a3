"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ReasonMapping } from "~/components/calls/reason-mapping";
import { useTRPC } from "~/trpc/react";

/**
 * The contact-centre reasons this message may cause, chosen while it is
 * written: the call analysis measures the release against these.
 */
export function CallReasons(props: {
  communicationId: string;
  organizationId: string;
  mayChange: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mapped = useQuery(
    trpc.calls.communicationReasons.queryOptions({ communicationId: props.communicationId }),
  );
  const settings = useQuery(
    trpc.calls.settings.queryOptions({ organizationId: props.organizationId }),
  );
  if (!mapped.data || !settings.data) return null;
  const labels = new Map(settings.data.reasons.map((r) => [r.code, r.label]));
  return (
    <section
      aria-label="Calls this message may cause"
      className="space-y-1 border-t border-slate-200 pt-3 text-xs"
    >
      {props.mayChange ? (
        <ReasonMapping
          communicationId={props.communicationId}
          mapped={mapped.data}
          reasons={settings.data.reasons}
          onSaved={() =>
            queryClient.invalidateQueries({ queryKey: trpc.calls.communicationReasons.queryKey() })
          }
        />
      ) : (
        <p>
          <span className="font-medium">Calls this message may cause: </span>
          {mapped.data.length
            ? mapped.data.map((code) => labels.get(code) ?? code).join(", ")
            : "none chosen yet"}
        </p>
      )}
    </section>
  );
}
