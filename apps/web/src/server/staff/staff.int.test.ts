import { randomUUID } from 'node:crypto';
import { AuditRepository } from '@telehealth/data';
import { describe, expect, it } from 'vitest';
import { POST as disablePOST } from '@/app/api/admin/users/[userId]/disable/route';
import { POST as resendPOST } from '@/app/api/admin/users/[userId]/resend-invitation/route';
import { POST as unlockPOST } from '@/app/api/admin/users/[userId]/unlock/route';
import { POST as invitePOST, GET as listGET } from '@/app/api/admin/users/route';
import { POST as acceptPOST } from '@/app/api/staff/invitation/accept/route';
import { GET as meGET } from '@/app/api/staff/me/route';
import { POST as signInPOST } from '@/app/api/staff/sign-in/route';
import { GET as enrolmentGET, POST as enrolmentPOST } from '@/app/api/staff/totp/enrolment/route';
import { dynamoDocumentClient } from '@/server/aws';
import { serverEnv } from '@/server/env';
import { ApiError, type RequestContext } from '@/server/http';
import { inboxFor } from '@/test/inbox';
import { TestBrowser, uniqueIp } from '@/test/requests';
import { callRoute, createStaff, sessionCookie, TEST_PASSWORD, totpCode } from '@/test/staff';
import { staffService } from './index';
import { staffUsers } from './repository';
import { LOCK_MINUTES, SIGN_IN_REFUSED } from './service';

const sesEndpoint = () => serverEnv().SES_ENDPOINT as string;
const auditLog = () => new AuditRepository(dynamoDocumentClient(), serverEnv().tableNames.audit);
const NEW_PASSWORD = 'violet harbour tram seventeen';

function context(now = new Date()): RequestContext {
  return { requestId: randomUUID(), actor: 'public', params: {}, ip: uniqueIp(), now };
}

/** The invitation link's token in the newest invitation email to `to`. */
async function invitationToken(to: string): Promise<string> {
  const emails = await inboxFor(sesEndpoint(), to);
  const newest = emails.filter((email) => email.subject.includes('invited')).at(-1);
  const token = newest?.body.text?.match(/\/portal\/invitation\/([0-9a-f-]{36}\.[A-Za-z0-9_-]{43})/)?.[1];
  if (!token) throw new Error(`no invitation email for ${to}`);
  return token;
}

async function invite(role: 'admin' | 'clinician' | 'marketer' = 'clinician') {
  const admin = await createStaff('admin');
  const email = `invitee-${randomUUID().slice(0, 8)}@example.com`;
  const cookie = await sessionCookie(admin);
  const response = await callRoute(invitePOST, { cookie, body: { name: 'Grace Hopper', email, role } });
  expect(response.status).toBe(201);
  const body = await response.json();
  return { admin, cookie, email, userId: body.user.userId as string, body };
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('invitations', () => {
  it('emails a 72-hour link, no password; the link sets a password once, then is dead', async () => {
    const { email, userId, body, admin } = await invite('clinician');
    expect(body.user).toMatchObject({ email, role: 'clinician', status: 'invited', totpEnrolled: false });
    const hours = (Date.parse(body.invitationExpiresAt) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);

    const [mail] = await inboxFor(sesEndpoint(), email);
    expect(mail?.subject).toBe('You are invited to the Lumen Health portal');
    expect(mail?.body.text).toMatch(/works once/);
    const token = await invitationToken(email);
    // Only the hash is stored.
    const stored = await staffUsers().get(userId);
    expect(JSON.stringify(stored)).not.toContain(token.split('.')[1]);

    const browser = new TestBrowser();
    const weak = await browser.post(acceptPOST, { token, password: 'Grace Hopper 2024' });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.issues).toEqual([
      { path: 'password', message: expect.stringMatching(/mostly your name|common/) },
    ]);

    const accepted = await browser.post(acceptPOST, { token, password: NEW_PASSWORD });
    expect(accepted.status).toBe(200);
    // A clinician needs no TOTP: the sign-in is complete, waiting for the session.
    expect(await accepted.json()).toEqual({ next: 'complete' });
    expect([...browser.cookies.keys()]).toContain('lumen-staff-ticket');
    expect((await staffUsers().get(userId))?.status).toBe('active');

    const again = await new TestBrowser().post(acceptPOST, { token, password: NEW_PASSWORD });
    expect(again.status).toBe(404);
    expect((await again.json()).error.message).toMatch(/expired, was already used, or was replaced/);

    const events = await auditLog().listForSubject(`staff#${userId}`);
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ['staff.invited', `staff#${admin.userId}`],
      ['staff.invitation_accepted', 'public'],
    ]);
  });

  it('refuses an invitation link after 72 hours', async () => {
    const { email } = await invite();
    const token = await invitationToken(email);
    const later = new Date(Date.now() + 72 * 3600_000 + 1000);
    const error = await refusal(
      staffService().acceptInvitation({ token, password: NEW_PASSWORD }, context(later)),
    );
    expect(error.code).toBe('not_found');
  });

  it('resend makes a new link and kills the old one', async () => {
    const { email, userId, cookie } = await invite();
    const first = await invitationToken(email);
    const resent = await callRoute(resendPOST, { cookie, method: 'POST', params: { userId } });
    expect(resent.status).toBe(200);
    const second = await invitationToken(email);
    expect(second).not.toBe(first);

    expect((await new TestBrowser().post(acceptPOST, { token: first, password: NEW_PASSWORD })).status).toBe(
      404,
    );
    expect((await new TestBrowser().post(acceptPOST, { token: second, password: NEW_PASSWORD })).status).toBe(
      200,
    );
    // Accepted: nothing left to resend.
    const late = await callRoute(resendPOST, { cookie, method: 'POST', params: { userId } });
    expect(late.status).toBe(409);
  });

  it('refuses a second invitation to the same email with 409', async () => {
    const { email, cookie } = await invite();
    const response = await callRoute(invitePOST, {
      cookie,
      body: { name: 'Someone Else', email, role: 'admin' },
    });
    expect(response.status).toBe(409);
    expect((await response.json()).error.message).toBe(
      'Someone on the staff already has this email address.',
    );
  });

  it('makes an invited admin set up TOTP before the first session, and gives 10 backup codes once', async () => {
    const { email, userId } = await invite('admin');
    const browser = new TestBrowser();
    const accepted = await browser.post(acceptPOST, {
      token: await invitationToken(email),
      password: NEW_PASSWORD,
    });
    expect(await accepted.json()).toEqual({ next: 'enrol' });

    const details = await (await browser.get(enrolmentGET)).json();
    expect(details.otpauthUri).toMatch(/^otpauth:\/\/totp\/Lumen%20Health:.+\?issuer=Lumen%20Health&secret=/);
    expect(details.qrSvg).toMatch(/^<svg/);
    const secret = details.manualKey.replaceAll(' ', '');
    // A reload shows the same secret.
    expect((await (await browser.get(enrolmentGET)).json()).manualKey).toBe(details.manualKey);

    const wrong = await browser.post(enrolmentPOST, { code: '000000' });
    expect(wrong.status).toBe(400);
    const confirmed = await browser.post(enrolmentPOST, { code: totpCode(secret) });
    expect(confirmed.status).toBe(200);
    const { backupCodes } = await confirmed.json();
    expect(backupCodes).toHaveLength(10);
    expect(backupCodes[0]).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);

    const stored = await staffUsers().get(userId);
    expect(stored?.totp?.encryptedSecret).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(JSON.stringify(stored)).not.toContain(backupCodes[0]);
    expect(stored?.backupCodes).toHaveLength(10);
  });
});

describe('sign-in', () => {
  it('answers the same for an unknown email, a wrong password and a locked account; 5 failures lock for 30 minutes', async () => {
    const clinician = await createStaff('clinician');
    const unknown = await callRoute(signInPOST, {
      body: { email: 'nobody@example.com', password: TEST_PASSWORD },
    });
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).error.message).toBe(SIGN_IN_REFUSED);

    for (let i = 0; i < 5; i += 1) {
      const wrong = await callRoute(signInPOST, {
        body: { email: clinician.email, password: 'wrong password entirely' },
      });
      expect((await wrong.json()).error.message).toBe(SIGN_IN_REFUSED);
    }
    const stored = await staffUsers().get(clinician.userId);
    const lockMinutes = (Date.parse(stored?.lockedUntil ?? '') - Date.now()) / 60_000;
    expect(lockMinutes).toBeGreaterThan(LOCK_MINUTES - 1);

    // The right password while locked: the same answer a guesser gets.
    const locked = await callRoute(signInPOST, { body: { email: clinician.email, password: TEST_PASSWORD } });
    expect(locked.status).toBe(401);
    expect((await locked.json()).error.message).toBe(SIGN_IN_REFUSED);
    // The owner is told by email.
    const [notice] = await inboxFor(sesEndpoint(), clinician.email);
    expect(notice?.subject).toMatch(/locked for now/);

    // After the 30 minutes the right password works again.
    const later = new Date(Date.now() + (LOCK_MINUTES + 1) * 60_000);
    const issued = await staffService().startSignIn(
      { email: clinician.email, password: TEST_PASSWORD },
      context(later),
    );
    expect(issued.next).toBe('complete');

    const actions = (await auditLog().listForSubject(`staff#${clinician.userId}`)).map((e) => e.action);
    expect(actions.filter((a) => a === 'staff.sign_in_failed')).toHaveLength(5);
    expect(actions).toContain('staff.locked');
    expect(actions).toContain('staff.sign_in_refused_locked');
  });

  it('needs the TOTP code after the password; a used time step is refused (replay), and wrong codes count to the lockout', async () => {
    const admin = await createStaff('admin', { totp: true });
    const secret = admin.totpSecret as string;
    const start = () =>
      staffService().startSignIn({ email: admin.email, password: TEST_PASSWORD }, context());

    const first = await start();
    expect(first.next).toBe('second-factor');
    const code = totpCode(secret);
    const claims = await staffService().completeSignIn(first.ticket, code, context());
    expect(claims).toMatchObject({ sub: admin.userId, role: 'admin' });
    // The ticket is spent.
    expect(await staffService().completeSignIn(first.ticket, code, context())).toBeUndefined();

    // The same code on a new ticket: its time step was used.
    const second = await start();
    expect(await staffService().completeSignIn(second.ticket, code, context())).toBeUndefined();
    expect((await staffUsers().get(admin.userId))?.failedSignIns).toBe(1);
  });

  it('accepts a backup code once', async () => {
    const { email } = await invite('marketer');
    const browser = new TestBrowser();
    await browser.post(acceptPOST, { token: await invitationToken(email), password: NEW_PASSWORD });
    const secret = (await (await browser.get(enrolmentGET)).json()).manualKey.replaceAll(' ', '');
    const { backupCodes } = await (await browser.post(enrolmentPOST, { code: totpCode(secret) })).json();

    const start = () => staffService().startSignIn({ email, password: NEW_PASSWORD }, context());
    const first = await start();
    expect(first.next).toBe('second-factor');
    expect(
      await staffService().completeSignIn(first.ticket, backupCodes[3].toLowerCase(), context()),
    ).toMatchObject({
      role: 'marketer',
    });
    const second = await start();
    expect(await staffService().completeSignIn(second.ticket, backupCodes[3], context())).toBeUndefined();
  });
});

describe('admin actions', () => {
  it('an admin unlocks a locked account at once (audited), and sees it in the staff list', async () => {
    const admin = await createStaff('admin');
    const cookie = await sessionCookie(admin);
    const clinician = await createStaff('clinician');
    for (let i = 0; i < 5; i += 1) {
      await callRoute(signInPOST, { body: { email: clinician.email, password: 'wrong password entirely' } });
    }
    const locked = await callRoute(signInPOST, { body: { email: clinician.email, password: TEST_PASSWORD } });
    expect(locked.status).toBe(401);

    const unlocked = await callRoute(unlockPOST, {
      cookie,
      method: 'POST',
      params: { userId: clinician.userId },
    });
    expect(unlocked.status).toBe(200);
    const again = await callRoute(signInPOST, { body: { email: clinician.email, password: TEST_PASSWORD } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ next: 'complete' });
    const unlockEvent = (await auditLog().listForSubject(`staff#${clinician.userId}`)).find(
      (e) => e.action === 'staff.unlocked',
    );
    expect(unlockEvent?.actor).toBe(`staff#${admin.userId}`);

    const list = await (await callRoute(listGET, { cookie })).json();
    const listed = list.users.find((u: { userId: string }) => u.userId === clinician.userId);
    expect(listed).toMatchObject({ email: clinician.email, role: 'clinician', status: 'active' });
    expect(JSON.stringify(list)).not.toMatch(/passwordHash|argon2|totp"/);
  });

  it('disabling a person ends their sessions at once and refuses their sign-in; an admin cannot disable themself', async () => {
    const admin = await createStaff('admin');
    const cookie = await sessionCookie(admin);
    const marketer = await createStaff('marketer');
    const marketerCookie = await sessionCookie(marketer);
    expect((await callRoute(meGET, { cookie: marketerCookie })).status).toBe(200);

    const disabled = await callRoute(disablePOST, {
      cookie,
      method: 'POST',
      params: { userId: marketer.userId },
    });
    expect(disabled.status).toBe(200);
    expect((await disabled.json()).user.status).toBe('disabled');
    expect((await callRoute(meGET, { cookie: marketerCookie })).status).toBe(401);
    const signIn = await callRoute(signInPOST, { body: { email: marketer.email, password: TEST_PASSWORD } });
    expect((await signIn.json()).error.message).toBe(SIGN_IN_REFUSED);

    const self = await callRoute(disablePOST, { cookie, method: 'POST', params: { userId: admin.userId } });
    expect(self.status).toBe(409);
    expect((await self.json()).error.message).toBe('You cannot disable your own account. Ask another admin.');
  });
});
