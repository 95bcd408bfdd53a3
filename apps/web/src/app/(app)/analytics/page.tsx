import { Card, EmptyState, PageHeader } from "@conductor/ui";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Analytics" };

export default function AnalyticsPage() {
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Which released messages made customers call, and whether clearer ones called less."
      />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <EmptyState title="No call-volume data loaded">
          Call counts from the contact centre have not been imported for this organisation, so there
          is nothing to compare releases against yet.
        </EmptyState>
        <Card title="What data is held, and why">
          <p className="text-sm leading-relaxed text-slate-700">
            Conductor keeps only aggregate call counts: a date, a reason code and a number. It never
            stores phone numbers, names, customer ids or call notes. The counts are used for one
            thing: to see whether a message left customers with questions.
          </p>
        </Card>
      </div>
    </>
  );
}
