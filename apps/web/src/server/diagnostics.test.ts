import { afterEach, describe, expect, it, vi } from 'vitest';

const TOKEN = 'diag-0123456789abcdef0123456789abcdef';
const notFound = { error: { code: 'not_found', message: 'There is no API endpoint at this address.' } };

/** The route as a fresh server would load it with these settings (env is read once per process). */
async function diagnosticRoute(env: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  vi.resetModules();
  return (await import('@/app/api/diagnostics/client-address/route')).GET;
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function get(headers: Record<string, string>) {
  return new Request('http://localhost/api/diagnostics/client-address', { headers });
}

describe('GET /api/diagnostics/client-address', () => {
  it('does not exist while no token is configured, even for a caller that sends one', async () => {
    const GET = await diagnosticRoute({ DIAGNOSTICS_TOKEN: undefined });
    const response = await GET(get({ authorization: `Bearer ${TOKEN}` }));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(notFound);
  });

  it('answers a caller without the token exactly like an unknown path', async () => {
    const GET = await diagnosticRoute({ DIAGNOSTICS_TOKEN: TOKEN });
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token-wrong-token', TOKEN]) {
      const response = await GET(get(authorization ? { authorization } : {}));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(notFound);
    }
  });

  it('shows the configured source, the raw headers and what each setting would pick', async () => {
    const GET = await diagnosticRoute({
      DIAGNOSTICS_TOKEN: TOKEN,
      CLIENT_IP_SOURCE: 'cloudfront-viewer-address',
    });
    const response = await GET(
      get({
        authorization: `Bearer ${TOKEN}`,
        'cloudfront-viewer-address': '203.0.113.9:53012',
        'x-forwarded-for': '203.0.113.9, 64.252.65.10',
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = await response.json();
    expect(report.configured).toEqual({
      source: 'cloudfront-viewer-address',
      trustedProxyHops: 1,
      address: '203.0.113.9',
    });
    expect(report.headers).toMatchObject({
      'cloudfront-viewer-address': '203.0.113.9:53012',
      'x-forwarded-for': '203.0.113.9, 64.252.65.10',
      'x-real-ip': null,
    });
    expect(report.candidates[1].byTrustedProxyHops.slice(0, 3)).toEqual([
      { trustedProxyHops: 1, address: '64.252.65.10' },
      { trustedProxyHops: 2, address: '203.0.113.9' },
      { trustedProxyHops: 3, address: 'unknown' },
    ]);
  });

  it('will not run with a token shorter than 32 characters, and says which variable is wrong', async () => {
    process.env.DIAGNOSTICS_TOKEN = 'short';
    vi.resetModules();
    const { serverEnv } = await import('./env');
    expect(() => serverEnv()).toThrow(/DIAGNOSTICS_TOKEN: must be at least 32 characters/);
  });
});
