import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inboxFor } from '@/test/inbox';
import { totpCode } from '@/test/staff';
import { serverEnv } from '../env';
import { DEMO_PASSWORD, demoStaff, inviteSeedAdmin, seedDemoStaff } from './bootstrap';
import { staffService } from './index';
import { staffUsers } from './repository';

const context = () => ({
  requestId: randomUUID(),
  actor: 'public' as const,
  params: {},
  ip: '203.0.113.50',
  now: new Date(),
});

describe('staff bootstrap', () => {
  it('refuses to seed demo staff when NODE_ENV is production', async () => {
    await expect(seedDemoStaff('production')).rejects.toThrow(/never created in production/);
    for (const demo of demoStaff) expect(await staffUsers().getByEmail(demo.email)).toBeUndefined();
  });

  it('invites the seed admin once, by email to the local inbox', async () => {
    const email = `seed-${randomUUID().slice(0, 8)}@example.com`;
    expect(await inviteSeedAdmin(email)).toBe('invited');
    expect(await inviteSeedAdmin(email)).toBe('exists');
    const user = await staffUsers().getByEmail(email);
    expect(user).toMatchObject({ role: 'admin', status: 'invited', invitedBy: 'system' });
    const mails = await inboxFor(serverEnv().SES_ENDPOINT as string, email);
    expect(mails.map((m) => m.subject)).toEqual(['You are invited to the Lumen Health portal']);
  });

  it('seeds demo staff in development who can sign in with the dev password and their TOTP secret', async () => {
    const accounts = await seedDemoStaff('development');
    expect(accounts.map((a) => a.role)).toEqual(['admin', 'clinician', 'marketer']);
    // Again: the same accounts and secrets, nothing new.
    expect(await seedDemoStaff('development')).toEqual(accounts);
    const admin = accounts[0];
    if (!admin) throw new Error('no demo admin');
    const ticket = await staffService().startSignIn(
      { email: admin.email, password: DEMO_PASSWORD },
      context(),
    );
    expect(ticket.next).toBe('second-factor');
    const claims = await staffService().completeSignIn(ticket.ticket, totpCode(admin.totpSecret), context());
    expect(claims?.role).toBe('admin');
  });
});
