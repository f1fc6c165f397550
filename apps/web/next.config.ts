import type { NextConfig } from 'next';

// The Content-Security-Policy is set per request in src/proxy.ts: it names the upload bucket's origin,
// which is known only at run time.
const securityHeaders = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(self), microphone=(self), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  transpilePackages: ['@telehealth/contracts', '@telehealth/data'],
  // Load the AWS SDK from node_modules instead of bundling it: measured faster under load (docs/performance.md).
  serverExternalPackages: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-sesv2'],
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // The OpenAPI document sets its own (cacheable) Cache-Control; every other API answer is no-store.
      { source: '/api/:path((?!openapi\\.json$).*)', headers: [{ key: 'Cache-Control', value: 'no-store' }] },
    ];
  },
};

export default nextConfig;
