import { describe, expect, it } from 'vitest';
import nextConfig from '../next.config';
import { config } from './proxy';

describe('the Content-Security-Policy', () => {
  // Next.js anchors the matcher to the whole path.
  const runsProxy = (path: string) => config.matcher.some((m) => new RegExp(`^${m}$`).test(path));

  it('comes from the proxy on pages, which never runs for the API', () => {
    for (const page of ['/', '/clinicians/apply', '/privacy', '/j/ABC123', '/apiary'])
      expect(runsProxy(page)).toBe(true);
    for (const api of ['/api', '/api/health', '/api/patient/verify', '/api/openapi.json'])
      expect(runsProxy(api)).toBe(false);
  });

  it('is static and allows nothing on every API answer', async () => {
    const rules = (await nextConfig.headers?.()) ?? [];
    const api = rules.find((rule) => rule.source === '/api/:path*');
    expect(api?.headers).toContainEqual({
      key: 'Content-Security-Policy',
      value: "default-src 'none'; frame-ancestors 'none'",
    });
  });
});
