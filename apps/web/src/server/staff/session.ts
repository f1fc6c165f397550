import 'server-only';
import { type StaffRole, staffRoleSchema } from '@telehealth/contracts';
import { parseCookie } from 'cookie';
import { decode, encode } from 'next-auth/jwt';
import { z } from 'zod';
import { serverEnv } from '../env';
import { staffUsers } from './repository';

/**
 * Staff sessions: a JWT (next-auth's encrypted cookie) that names the user, the role, the session
 * version and when the person signed in. It is re-issued on each use with a 20-minute life (idle
 * timeout); `authTime` bounds it to 12 hours whatever happens (absolute limit); the version must match
 * the user's, so sign-out, a password change or disabling revokes every copy at once.
 */
export const IDLE_TIMEOUT_SECONDS = 20 * 60;
export const ABSOLUTE_LIMIT_SECONDS = 12 * 60 * 60;

/** next-auth's cookie names: the `__Secure-` one over HTTPS (production), the plain one over HTTP. */
export function sessionCookieName(appUrl = serverEnv().APP_URL): string {
  return appUrl.startsWith('https:') ? '__Secure-authjs.session-token' : 'authjs.session-token';
}

/** What the session JWT carries besides next-auth's own claims (`iat`, `exp`, `jti`). */
export const staffSessionClaimsSchema = z.object({
  sub: z.uuid(),
  role: staffRoleSchema,
  sessionVersion: z.number().int(),
  /** Epoch seconds of the sign-in; never refreshed. */
  authTime: z.number().int(),
});
export type StaffSessionClaims = z.infer<typeof staffSessionClaimsSchema>;

/** True while the sign-in is younger than the absolute limit. */
export function withinAbsoluteLimit(authTime: number, now: Date): boolean {
  return now.getTime() / 1000 - authTime < ABSOLUTE_LIMIT_SECONDS;
}

/**
 * The staff user the claims name, if the session still holds: within the absolute limit, the user
 * active, the role unchanged and the session version current (one consistent read).
 */
export async function currentStaff(
  claims: StaffSessionClaims,
  now: Date,
): Promise<{ userId: string; role: StaffRole } | undefined> {
  if (!withinAbsoluteLimit(claims.authTime, now)) return undefined;
  const user = await staffUsers().get(claims.sub);
  if (user?.status !== 'active') return undefined;
  if (user.sessionVersion !== claims.sessionVersion || user.role !== claims.role) return undefined;
  return { userId: user.userId, role: user.role };
}

/** The session cookie of a request, decrypted; undefined when absent, expired (idle) or forged. */
export async function sessionClaimsOf(request: Request): Promise<StaffSessionClaims | undefined> {
  const salt = sessionCookieName();
  const header = request.headers.get('cookie');
  // next-auth's own name (not ours with `__Host-`); the token is small, never chunked.
  const token = header ? parseCookie(header)[salt] : undefined;
  if (!token) return undefined;
  try {
    const payload = await decode({ token, salt, secret: serverEnv().AUTH_SECRET });
    const parsed = staffSessionClaimsSchema.safeParse(payload);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in staff user behind an API request, or undefined (route() answers 401 then). */
export async function staffActorOf(request: Request, now: Date) {
  const claims = await sessionClaimsOf(request);
  return claims ? currentStaff(claims, now) : undefined;
}

/** A session cookie value as next-auth would issue it: for tests and the dev tools. */
export function encodeSession(claims: StaffSessionClaims, maxAge = IDLE_TIMEOUT_SECONDS): Promise<string> {
  return encode({ token: { ...claims }, salt: sessionCookieName(), secret: serverEnv().AUTH_SECRET, maxAge });
}

/** The Set-Cookie that removes the session cookie (after sign-out or a password change). */
export function clearedSessionCookie(): string {
  const name = sessionCookieName();
  return `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith('__Secure-') ? '; Secure' : ''}`;
}
