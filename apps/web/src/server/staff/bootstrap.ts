import 'server-only';
import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@telehealth/contracts';
import { transactWrite } from '@telehealth/data';
import { dynamoDocumentClient, withAwsDeadline } from '../aws';
import { serverEnv } from '../env';
import { ApiError, type RequestContext } from '../http';
import { log } from '../log';
import { staffService } from './index';
import { hashPassword } from './passwords';
import { staffUsers } from './repository';
import { currentStep, decryptSecret, encryptSecret, newTotpSecret } from './totp';

const BOOTSTRAP_DEADLINE_MS = 15_000;

function systemContext(): RequestContext {
  return { requestId: randomUUID(), actor: 'system', params: {}, ip: 'server', now: new Date() };
}

/**
 * The first admin: invites SEED_ADMIN_EMAIL unless someone has that email already. Safe on every
 * start and on many instances at once (the email item's conditional put lets one through).
 */
export async function inviteSeedAdmin(email = serverEnv().SEED_ADMIN_EMAIL): Promise<'invited' | 'exists'> {
  if (await staffUsers().getByEmail(email)) return 'exists';
  try {
    await staffService().invite({ name: 'Admin', email, role: 'admin' }, systemContext(), 'system');
    return 'invited';
  } catch (error) {
    if (error instanceof ApiError && error.code === 'conflict') return 'exists';
    throw error;
  }
}

/** The dev password of every demo account: long enough for the rules, never valid in production. */
export const DEMO_PASSWORD = 'demo staff password for local use only';

export const demoStaff: ReadonlyArray<{ role: StaffRole; name: string; email: string; totp: boolean }> = [
  { role: 'admin', name: 'Demo Admin', email: 'demo.admin@lumen-health.test', totp: true },
  { role: 'clinician', name: 'Demo Clinician', email: 'demo.clinician@lumen-health.test', totp: true },
  { role: 'marketer', name: 'Demo Marketer', email: 'demo.marketer@lumen-health.test', totp: true },
];

export interface DemoAccount {
  role: StaffRole;
  email: string;
  totpSecret: string;
}

/**
 * Demo staff for `pnpm dev`: an admin, a clinician and a marketer, ready to sign in with
 * DEMO_PASSWORD and a TOTP secret (printed). Refused when NODE_ENV is production: these accounts
 * have a published password. Existing demo accounts are kept and their secrets printed again.
 */
export async function seedDemoStaff(nodeEnv = serverEnv().NODE_ENV): Promise<DemoAccount[]> {
  if (nodeEnv === 'production') {
    throw new Error(
      'Demo staff are never created in production (NODE_ENV=production): they have a published password.',
    );
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts: DemoAccount[] = [];
  for (const demo of demoStaff) {
    const existing = await staffUsers().getByEmail(demo.email);
    if (existing?.totp) {
      accounts.push({
        role: demo.role,
        email: demo.email,
        totpSecret: decryptSecret(existing.totp.encryptedSecret),
      });
      continue;
    }
    if (existing) continue;
    const totpSecret = newTotpSecret();
    const now = new Date();
    const items = staffUsers().create({
      userId: randomUUID(),
      email: demo.email,
      name: demo.name,
      role: demo.role,
      invitedBy: 'system',
      invitation: { hash: 'none', expiresAt: now.toISOString() },
      now: now.toISOString(),
      ready: {
        passwordHash,
        totp: {
          encryptedSecret: encryptSecret(totpSecret),
          lastUsedStep: currentStep(now) - 2,
          enrolledAt: now.toISOString(),
        },
      },
    });
    const outcome = await transactWrite(dynamoDocumentClient(), items);
    if (outcome.committed) accounts.push({ role: demo.role, email: demo.email, totpSecret });
  }
  return accounts;
}

/** What `pnpm dev` prints about the demo staff. */
export function describeDemoStaff(accounts: DemoAccount[], appUrl: string): string {
  return [
    '',
    `  Demo staff (dev only) sign in at ${appUrl}/portal/sign-in`,
    `  Password   ${DEMO_PASSWORD}`,
    ...accounts.map(
      (a) =>
        `  ${a.role.padEnd(10)} ${a.email}   TOTP secret ${a.totpSecret} (add it to an authenticator app)`,
    ),
    '',
  ].join('\n');
}

/** Runs at server start (instrumentation): the first admin everywhere, demo staff in dev. */
export async function bootstrapStaff(): Promise<void> {
  const env = serverEnv();
  await withAwsDeadline(AbortSignal.timeout(BOOTSTRAP_DEADLINE_MS), async () => {
    try {
      const seeded = await inviteSeedAdmin();
      if (seeded === 'invited') log.info('staff.seed_admin_invited', {});
    } catch (error) {
      log.error('staff.seed_admin_failed', { errorName: error instanceof Error ? error.name : 'unknown' });
    }
    if (env.NODE_ENV !== 'development') return;
    try {
      console.info(describeDemoStaff(await seedDemoStaff(env.NODE_ENV), env.APP_URL));
    } catch (error) {
      log.error('staff.demo_seed_failed', { errorName: error instanceof Error ? error.name : 'unknown' });
    }
  });
}
