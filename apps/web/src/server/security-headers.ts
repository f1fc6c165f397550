import 'server-only';
import { serverEnv } from './env';

/**
 * The Content-Security-Policy. Scripts: Next's inline bootstrap needs 'unsafe-inline' while pages are
 * static (docs/decisions/0003-csp.md). connect-src allows the upload bucket, which the browser PUTs
 * documents to directly.
 */
let cached: string | undefined;

export function contentSecurityPolicy(): string {
  // Built once: the proxy sets it on every response and the inputs never change at run time.
  if (cached) return cached;
  const env = serverEnv();
  const isDev = env.NODE_ENV !== 'production';
  const uploadOrigin = env.S3_ENDPOINT
    ? new URL(env.S3_ENDPOINT).origin
    : `https://${env.AWS_S3_UPLOAD_BUCKET}.s3.${env.AWS_REGION}.amazonaws.com`;
  cached = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${uploadOrigin}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(env.APP_URL.startsWith('https://') ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return cached;
}
