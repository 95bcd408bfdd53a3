// Liveness for load balancers and the benchmark's framework floor: answers
// without touching the database or the session.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
