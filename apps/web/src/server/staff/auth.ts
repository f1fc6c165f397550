import 'server-only';
import { randomUUID } from 'node:crypto';
import { type StaffRole, staffRoleSchema } from '@telehealth/contracts';
import { redirect } from 'next/navigation';
import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { cache } from 'react';
import { z } from 'zod';
import { withAwsDeadline } from '../aws';
import { readCookie } from '../cookies';
import { serverEnv } from '../env';
import { clientIp, type StaffActor } from '../http';
import { log } from '../log';
import { staffService, TICKET_COOKIE } from './index';
import { currentStaff, IDLE_TIMEOUT_SECONDS, staffSessionClaimsSchema } from './session';

/**
 * next-auth v5 (5.0.0-beta.32, pinned: docs/decisions/0014-staff-auth.md) with JWT sessions and one
 * credentials provider, `staff`, which is step two of a sign-in: it spends the ticket that step one
 * (`POST /api/staff/sign-in` or an accepted invitation) put in an HttpOnly cookie, after checking the
 * second factor when the ticket needs one. The config is built per request (lazy), so building the
 * app reads no secrets.
 */
const sessionUserSchema = z.object({
  id: z.uuid(),
  role: staffRoleSchema,
  sessionVersion: z.number().int(),
  authTime: z.number().int(),
});

export const { handlers, auth } = NextAuth(() => {
  const env = serverEnv();
  return {
    secret: env.AUTH_SECRET,
    // The app is reached through one origin (APP_URL; CloudFront in production).
    trustHost: true,
    useSecureCookies: env.APP_URL.startsWith('https:'),
    session: { strategy: 'jwt', maxAge: IDLE_TIMEOUT_SECONDS },
    pages: { signIn: '/portal/sign-in', error: '/portal/sign-in' },
    providers: [
      Credentials({
        id: 'staff',
        name: 'Staff',
        credentials: { code: { type: 'text' } },
        async authorize(credentials, request) {
          const code = typeof credentials?.code === 'string' ? credentials.code : undefined;
          const now = new Date();
          const ctx = {
            requestId: randomUUID(),
            actor: 'public' as const,
            params: {},
            ip: clientIp(request.headers, {
              source: env.CLIENT_IP_SOURCE,
              trustedProxyHops: env.TRUSTED_PROXY_HOPS,
            }),
            now,
          };
          try {
            const claims = await withAwsDeadline(AbortSignal.timeout(env.REQUEST_BUDGET_MS), () =>
              staffService().completeSignIn(readCookie(request, TICKET_COOKIE), code, ctx),
            );
            if (!claims) return null;
            return {
              id: claims.sub,
              role: claims.role,
              sessionVersion: claims.sessionVersion,
              authTime: claims.authTime,
            };
          } catch (error) {
            log.error('staff.sign_in_failed', {
              requestId: ctx.requestId,
              errorName: error instanceof Error ? error.name : 'unknown',
            });
            return null;
          }
        },
      }),
    ],
    callbacks: {
      /** At sign-in: the claims from authorize. On every read: still valid (version, 12 h, active)? */
      async jwt({ token, user }) {
        if (user) {
          const fresh = sessionUserSchema.parse(user);
          return {
            sub: fresh.id,
            role: fresh.role,
            sessionVersion: fresh.sessionVersion,
            authTime: fresh.authTime,
          };
        }
        const claims = staffSessionClaimsSchema.safeParse(token);
        if (!claims.success) return null;
        return (await currentStaff(claims.data, new Date())) ? token : null;
      },
      /** What the browser may see: the user id and role, and when the session must end at the latest. */
      session({ session, token }) {
        const claims = staffSessionClaimsSchema.safeParse(token);
        if (claims.success) {
          Object.assign(session, {
            userId: claims.data.sub,
            role: claims.data.role,
            authTime: claims.data.authTime,
          });
        }
        return session;
      },
    },
  };
});

/** One session check per page render, however many layouts and pages ask (React's request cache). */
const currentSession = cache(() => auth());

/**
 * The signed-in staff user of a page, checked on the server (the proxy is never the only check):
 * no valid session → the sign-in page; a role outside `roles` → `forbidden: true` for the page to say so.
 */
export async function requireStaff(
  roles?: readonly StaffRole[],
): Promise<StaffActor & { forbidden: boolean }> {
  const session = (await currentSession()) as { userId?: string; role?: StaffRole } | null;
  if (!session?.userId || !session.role) redirect('/portal/sign-in');
  return {
    userId: session.userId,
    role: session.role,
    forbidden: Boolean(roles && !roles.includes(session.role)),
  };
}
