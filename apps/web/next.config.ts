import type { NextConfig } from 'next';

// Pages get their Content-Security-Policy from src/proxy.ts: it names the upload bucket's origin, which
// is known only at run time. API answers are JSON, never rendered as a page: they get a static policy
// that allows nothing, and the proxy does not run for /api at all (it cost ~0.4 ms of CPU a request,
// docs/performance.md).
const securityHeaders = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(self), microphone=(self), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

const apiHeaders = [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  transpilePackages: ['@telehealth/contracts', '@telehealth/data'],
  // The AWS SDK, and every package of it that our code imports, from node_modules instead of the bundle:
  // one copy of each in the process, the same modules a plain Node server loads (docs/performance.md).
  serverExternalPackages: [
    '@aws-sdk/client-dynamodb',
    '@aws-sdk/client-s3',
    '@aws-sdk/client-sesv2',
    '@aws-sdk/lib-dynamodb',
    '@aws-sdk/s3-request-presigner',
    '@aws-sdk/util-dynamodb',
    '@smithy/node-http-handler',
  ],
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/api/:path*', headers: apiHeaders },
      // The OpenAPI document sets its own (cacheable) Cache-Control; every other API answer is no-store.
      { source: '/api/:path((?!openapi\\.json$).*)', headers: [{ key: 'Cache-Control', value: 'no-store' }] },
    ];
  },
};

export default nextConfig;
