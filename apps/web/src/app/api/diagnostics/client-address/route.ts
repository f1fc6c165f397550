import { serverEnv } from '@/server/env';
import { clientAddressReport, notFoundError, presentsToken, route } from '@/server/http';

/**
 * Which address each client-address setting would pick for this request, to confirm the setting on
 * a new deployment (docs/runbooks/client-address.md). Exists only while DIAGNOSTICS_TOKEN is set and
 * the caller presents it; otherwise it answers exactly like an unknown API path.
 */
export const GET = route('diagnostics.client-address', 'public', async (request) => {
  const env = serverEnv();
  if (!presentsToken(request.headers, env.DIAGNOSTICS_TOKEN)) throw notFoundError();
  const report = clientAddressReport(request.headers, {
    source: env.CLIENT_IP_SOURCE,
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
  });
  return Response.json(report, { headers: { 'cache-control': 'no-store' } });
});
