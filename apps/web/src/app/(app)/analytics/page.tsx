import { can } from "@conductor/core";
import { Alert, Card, EmptyState, PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { formatDate, formatDateRange } from "~/components/format";
import { serverApi } from "~/server/api";
import { currentWorkspace } from "~/server/organization";
import { CallsChart } from "./calls-chart";
import { ChartFilters } from "./chart-filters";
import { ClarityScatter } from "./clarity-scatter";
import { ReportTable } from "./report-table";
import { isoDay, readView, type SearchParams, viewHref } from "./view";

export const metadata: Metadata = { title: "Analytics" };

const DAY = 86_400_000;

export default async function AnalyticsPage(props: { searchParams: Promise<SearchParams> }) {
  const { actor, membership } = await currentWorkspace();
  const organizationId = membership.organizationId;
  // The view (range and reasons) is the address: a link opens the same chart.
  const { filter, problem } = readView(await props.searchParams);
  const api = await serverApi();
  const [{ analysis, spikes, spikesSearched }, series, settings] = await Promise.all([
    api.calls.dashboard({ organizationId, ...filter }),
    api.calls.series({ organizationId, ...filter }),
    api.calls.settings({ organizationId }),
  ]);
  const canImport = can(actor, "calls.manage", { kind: "organization", organizationId });
  const mayReadEvidence = can(actor, "calls.evidence", { kind: "organization", organizationId });
  // Analysts (and comms managers, who own messages) say which reasons a message drives.
  // Asked for a message someone else owns: owners map their own from the Review tab.
  const mayMap = can(actor, "calls.mapCommunication", {
    kind: "communication",
    organizationId,
    ownerId: "",
  });
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Which released messages made customers call, and whether clearer ones called less."
      />
      <div className="mb-4 flex gap-4 text-sm">
        <Link href="/analytics/import" className="text-indigo-800 underline">
          {canImport ? "Import call volume, reason codes and windows" : "Reason codes and windows"}
        </Link>
        {mayReadEvidence ? (
          <Link href="/analytics/evidence" className="text-indigo-800 underline">
            Evidence: predictions and rules
          </Link>
        ) : null}
        <a href="/api/call-volume/report?format=csv" className="text-indigo-800 underline">
          Download the report (CSV)
        </a>
      </div>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="min-w-0 space-y-6">
          {problem ? (
            <Alert tone="error" title="This link's view could not be shown">
              {problem} Showing the whole history instead.
            </Alert>
          ) : null}
          {series.extent === null ? (
            <EmptyState title="No call-volume data loaded">
              Call counts from the contact centre have not been imported for this organisation, so
              there is nothing to compare releases against yet.
            </EmptyState>
          ) : (
            <Card title="Calls over time, by reason">
              <ChartFilters
                filter={filter}
                extent={series.extent}
                reasons={settings.reasons.map((r) => ({ code: r.code, label: r.label }))}
              />
              {series.points.length === 0 ? (
                <p className="text-sm text-slate-600" role="status">
                  No calls in this range{filter.reasons?.length ? " for these reasons" : ""}. The
                  data runs from {formatDate(series.extent.first)} to{" "}
                  {formatDate(series.extent.last)}.
                </p>
              ) : (
                <CallsChart series={series} releases={analysis.releases} filter={filter} />
              )}
            </Card>
          )}
          <Card title="Released messages">
            <ReportTable
              releases={analysis.releases}
              reasons={mayMap ? settings.reasons : null}
              predictionsFor={mayReadEvidence ? organizationId : null}
            />
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          <Card title="Clearer messages, fewer calls?">
            <ClarityScatter releases={analysis.releases} across={analysis.across} />
          </Card>
          <Card title="Spikes, and what was sent before them">
            {spikesSearched ? (
              <p className="mb-2 text-xs text-slate-600" data-spikes-searched>
                Searched {formatDate(spikesSearched.first)} to {formatDate(spikesSearched.last)}
                {filter.reasons?.length ? `, ${filter.reasons.join(", ")}` : ""} (the chart's range,
                at most its last two years).
              </p>
            ) : null}
            {spikes.length === 0 ? (
              <p className="text-sm text-slate-600">
                No day (or week, for reasons counted by the week) where a reason's calls rose more
                than four standard deviations above its usual level.
              </p>
            ) : (
              <ul className="space-y-2 text-sm" aria-label="Spikes">
                {spikes.slice(0, 8).map((spike) => (
                  <li key={`${spike.reason}-${spike.first.toISOString()}`}>
                    <span className="font-medium">
                      {spike.reason},{" "}
                      {spike.unit === "week"
                        ? `weeks of ${formatDateRange(spike.first, spike.last)}`
                        : formatDateRange(spike.first, spike.last)}
                      {spike.days > 1
                        ? ` (${spike.days} ${spike.unit === "week" ? "weeks" : "days"})`
                        : ""}
                    </span>{" "}
                    <Link
                      className="text-xs text-indigo-800 underline"
                      href={viewHref({
                        from: isoDay(new Date(spike.first).getTime() - 28 * DAY),
                        to: isoDay(new Date(spike.last).getTime() + 28 * DAY),
                        reasons: [spike.reason],
                      })}
                      aria-label={`Show on chart: ${spike.reason} around ${formatDateRange(spike.first, spike.last)}`}
                    >
                      Show on chart
                    </Link>
                    : {Math.round(spike.observed).toLocaleString("en")} calls against{" "}
                    {Math.round(spike.expected).toLocaleString("en")} usual
                    <ul className="ml-4 list-disc text-xs text-slate-700">
                      {spike.messages.length === 0 ? (
                        <li>No released message has this reason in its window.</li>
                      ) : (
                        spike.messages.slice(0, 3).map((m) => (
                          <li key={m.releaseId}>
                            {m.title}: {Math.round(m.excess).toLocaleString("en")} excess over its
                            window
                          </li>
                        ))
                      )}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Findings that went with more calls">
            {analysis.across.lifts.filter((l) => l.lift).length === 0 ? (
              <p className="text-sm text-slate-600">
                Not enough released messages yet: a rule is compared once at least five messages
                were approved with it and five without.
              </p>
            ) : (
              <ul className="space-y-1 text-sm" aria-label="Rule lift">
                {analysis.across.lifts
                  .filter((l) => l.lift)
                  .map((l) => (
                    <li key={l.ruleId}>
                      <code className="text-xs">{l.ruleId}</code>: contact rate ×
                      {l.lift!.estimate.toFixed(2)} ({l.lift!.low.toFixed(2)}–
                      {l.lift!.high.toFixed(2)}), {l.nWith} with / {l.nWithout} without
                    </li>
                  ))}
              </ul>
            )}
          </Card>
          <Card title="What data is held, and why">
            <p className="text-sm leading-relaxed text-slate-700">
              Conductor keeps only aggregate call counts: a date, a reason code and a number, with a
              segment, region or campaign reference where the contact centre gives one. It never
              stores phone numbers, names, customer ids or call notes; a file carrying them is
              refused unless those columns are dropped. Counts from 1 to 10 are never shown or
              exported. The counts serve one purpose: to see whether a message left customers with
              questions, so the next one doesn't.
            </p>
            <p className="mt-2 text-xs text-slate-600">
              “Holdout group” evidence compares the customers sent a message with customers held
              back at random, told apart by segment in the call data: the strongest evidence here.
              “Directional” evidence compares a message with its own baseline (the same weekday over
              the eight weeks before, leaving out other messages' windows): other causes in the same
              days cannot be ruled out.
              {analysis.releases.some((r) => r.evidence === "holdout")
                ? ""
                : " No released message has a holdout group yet."}
            </p>
          </Card>
        </div>
      </div>
    </>
  );
}
