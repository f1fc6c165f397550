import { NextResponse } from 'next/server';
import { contentSecurityPolicy } from '@/server/security-headers';

/** Sets the Content-Security-Policy on every page and API response (the other headers are static). */
export function proxy(): NextResponse {
  const response = NextResponse.next();
  response.headers.set('Content-Security-Policy', contentSecurityPolicy());
  return response;
}

export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
