// The container's health check (frontend/Dockerfile, k8s/base/dashboard.yaml): the Node server answers.
// Deliberately shallow: the services have their own checks, and a dashboard that cannot reach them
// still serves pages that say so.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "UP" }, { headers: { "Cache-Control": "no-store" } });
}
