import { expect, test } from '@playwright/test';

test('pages answer with a strict CSP and the other security headers', async ({ request }) => {
  for (const path of ['/', '/clinicians/apply', '/privacy', '/portal/sign-in']) {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    for (const directive of [
      "default-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(headers['strict-transport-security']).toMatch(/max-age=\d{8,}; includeSubDomains/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['x-powered-by']).toBeUndefined();
  }
});

test('API answers are never cached and cannot be framed; the OpenAPI document may be cached', async ({
  request,
}) => {
  const health = await request.get('/api/health');
  expect(health.headers()['cache-control']).toBe('no-store');
  expect(health.headers()['x-content-type-options']).toBe('nosniff');
  expect(health.headers()['content-security-policy']).toContain("frame-ancestors 'none'");

  const missing = await request.get('/api/no-such-endpoint');
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe('not_found');

  const document = await request.get('/api/openapi.json');
  expect(document.status()).toBe(200);
  expect(document.headers()['cache-control']).toMatch(/public, max-age=\d+/);
  expect((await document.json()).openapi).toMatch(/^3\.1/);
});
