/** Liveness for load balancers and scripts; touches no data. */
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'ok' });
}
