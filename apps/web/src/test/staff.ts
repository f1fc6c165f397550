import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@telehealth/contracts';
import { transactWrite } from '@telehealth/data';
import { TOTP } from 'otpauth';
import { dynamoDocumentClient } from '@/server/aws';
import { hashPassword } from '@/server/staff/passwords';
import { staffUsers } from '@/server/staff/repository';
import { encodeSession, sessionCookieName } from '@/server/staff/session';
import { currentStep, encryptSecret, newTotpSecret } from '@/server/staff/totp';
import { uniqueIp } from './requests';

export const TEST_PASSWORD = 'orbit cactus lantern fjord';

export interface TestStaff {
  userId: string;
  email: string;
  role: StaffRole;
  /** Base32 TOTP secret, when enrolled. */
  totpSecret?: string;
}

/** A ready staff user written straight to the table (the invitation path has its own tests). */
export async function createStaff(role: StaffRole, options: { totp?: boolean } = {}): Promise<TestStaff> {
  const userId = randomUUID();
  const email = `staff-${userId.slice(0, 8)}@example.com`;
  const totpSecret = options.totp ? newTotpSecret() : undefined;
  const now = new Date().toISOString();
  const items = staffUsers().create({
    userId,
    email,
    name: `Test ${role}`,
    role,
    invitedBy: 'system',
    invitation: { hash: 'unused', expiresAt: now },
    now,
    ready: {
      passwordHash: await hashPassword(TEST_PASSWORD),
      ...(totpSecret
        ? {
            totp: {
              encryptedSecret: encryptSecret(totpSecret),
              lastUsedStep: currentStep(new Date()) - 10,
              enrolledAt: now,
            },
          }
        : {}),
    },
  });
  const outcome = await transactWrite(dynamoDocumentClient(), items);
  if (!outcome.committed) throw new Error(`could not create a test ${role}`);
  return { userId, email, role, ...(totpSecret ? { totpSecret } : {}) };
}

/** A session cookie header for the user as it is now (its current session version). */
export async function sessionCookie(
  staff: TestStaff,
  authTime = Math.floor(Date.now() / 1000),
): Promise<string> {
  const user = await staffUsers().get(staff.userId);
  if (!user) throw new Error('no such staff user');
  const token = await encodeSession({
    sub: user.userId,
    role: user.role,
    sessionVersion: user.sessionVersion,
    authTime,
  });
  return `${sessionCookieName()}=${token}`;
}

/** The TOTP code of a secret at a time, as the person's app would show it. */
export function totpCode(secret: string, at = new Date()): string {
  return new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at.getTime() });
}

// biome-ignore lint/suspicious/noExplicitAny: each route's params type differs; tests pass the params they need.
type Handler = (request: Request, segment?: { params: Promise<any> }) => Promise<Response>;

/** Calls a route handler as Next.js does: method, JSON body, cookie and route params. */
export function callRoute(
  handler: Handler,
  options: { method?: string; body?: unknown; cookie?: string; params?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'x-forwarded-for': uniqueIp() };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return handler(
    new Request('http://localhost/api', {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
}
