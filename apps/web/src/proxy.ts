import { NextResponse } from 'next/server';
import { contentSecurityPolicy } from '@/server/security-headers';

/**
 * Sets the Content-Security-Policy on every page (the other headers are static). The policy names
 * the upload bucket's origin, known only at run time. API answers are JSON and get a static strict
 * policy from next.config.ts instead, so the proxy does not run for them at all (docs/performance.md).
 */
export function proxy(): NextResponse {
  const response = NextResponse.next();
  response.headers.set('Content-Security-Policy', contentSecurityPolicy());
  return response;
}

export const config = { matcher: ['/((?!api(?:/|$)|_next/static|_next/image|favicon.ico).*)'] };
