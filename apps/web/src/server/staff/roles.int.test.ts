import { randomUUID } from 'node:crypto';
import { staffRoles } from '@telehealth/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as decisionPOST } from '@/app/api/admin/clinician/applications/[applicationId]/decision/route';
import { GET as documentGET } from '@/app/api/admin/clinician/applications/[applicationId]/documents/[index]/route';
import { GET as applicationGET } from '@/app/api/admin/clinician/applications/[applicationId]/route';
import { GET as queueGET } from '@/app/api/admin/clinician/applications/route';
import { POST as disablePOST } from '@/app/api/admin/users/[userId]/disable/route';
import { POST as resendPOST } from '@/app/api/admin/users/[userId]/resend-invitation/route';
import { POST as unlockPOST } from '@/app/api/admin/users/[userId]/unlock/route';
import { POST as invitePOST, GET as listGET } from '@/app/api/admin/users/route';
import { GET as meGET } from '@/app/api/staff/me/route';
import { POST as passwordPOST } from '@/app/api/staff/password/route';
import { POST as signOutPOST } from '@/app/api/staff/sign-out/route';
import { callRoute, createStaff, sessionCookie, TEST_PASSWORD, type TestStaff } from '@/test/staff';

type Caller = 'anonymous' | (typeof staffRoles)[number];
const callers: Caller[] = ['anonymous', 'marketer', 'clinician', 'admin'];

/**
 * Every portal API, called as each kind of caller: anonymous gets 401, a role outside the route's
 * list 403, a role inside it the route's own answer. A new portal route adds a row here.
 */
const portalApis: Array<{
  name: string;
  allowed: readonly Caller[];
  call: (cookie: string | undefined) => Promise<Response>;
  /** The status an allowed caller gets from this request. */
  allowedStatus: number;
}> = [
  {
    name: 'POST /api/admin/users',
    allowed: ['admin'],
    call: (cookie) =>
      callRoute(invitePOST, {
        cookie,
        body: { name: 'Role Matrix', email: `matrix-${randomUUID()}@example.com`, role: 'marketer' },
      }),
    allowedStatus: 201,
  },
  {
    name: 'POST /api/admin/users/[userId]/resend-invitation',
    allowed: ['admin'],
    // An unknown user: the role check comes first, so only an admin learns it is unknown.
    call: (cookie) => callRoute(resendPOST, { cookie, method: 'POST', params: { userId: randomUUID() } }),
    allowedStatus: 404,
  },
  {
    name: 'GET /api/admin/users',
    allowed: ['admin'],
    call: (cookie) => callRoute(listGET, { cookie }),
    allowedStatus: 200,
  },
  {
    name: 'POST /api/admin/users/[userId]/unlock',
    allowed: ['admin'],
    call: (cookie) => callRoute(unlockPOST, { cookie, method: 'POST', params: { userId: randomUUID() } }),
    allowedStatus: 404,
  },
  {
    name: 'POST /api/admin/users/[userId]/disable',
    allowed: ['admin'],
    call: (cookie) => callRoute(disablePOST, { cookie, method: 'POST', params: { userId: randomUUID() } }),
    allowedStatus: 404,
  },
  {
    name: 'POST /api/admin/clinician/applications/[applicationId]/decision',
    allowed: ['admin'],
    // An unknown application: the role check comes first, so only an admin learns it is unknown.
    call: (cookie) =>
      callRoute(decisionPOST, {
        cookie,
        body: { action: 'start_review' },
        params: { applicationId: randomUUID() },
      }),
    allowedStatus: 404,
  },
  {
    name: 'GET /api/admin/clinician/applications',
    allowed: ['admin'],
    call: (cookie) => callRoute(queueGET, { cookie }),
    allowedStatus: 200,
  },
  {
    name: 'GET /api/admin/clinician/applications/[applicationId]',
    allowed: ['admin'],
    call: (cookie) => callRoute(applicationGET, { cookie, params: { applicationId: randomUUID() } }),
    allowedStatus: 404,
  },
  {
    name: 'GET /api/admin/clinician/applications/[applicationId]/documents/[index]',
    allowed: ['admin'],
    call: (cookie) => callRoute(documentGET, { cookie, params: { applicationId: randomUUID(), index: '0' } }),
    allowedStatus: 404,
  },
  {
    name: 'GET /api/staff/me',
    allowed: staffRoles,
    call: (cookie) => callRoute(meGET, { cookie }),
    allowedStatus: 200,
  },
  {
    name: 'POST /api/staff/password',
    allowed: staffRoles,
    // The current password is wrong on purpose: the answer is the route's own 400, not 401/403.
    call: (cookie) =>
      callRoute(passwordPOST, {
        cookie,
        body: { currentPassword: 'not the current one', newPassword: 'violet harbour tram seventeen' },
      }),
    allowedStatus: 400,
  },
  {
    name: 'POST /api/staff/sign-out',
    allowed: staffRoles,
    call: (cookie) => callRoute(signOutPOST, { cookie, method: 'POST' }),
    allowedStatus: 204,
  },
];

const staff = {} as Record<Exclude<Caller, 'anonymous'>, TestStaff>;

beforeAll(async () => {
  for (const role of staffRoles) staff[role] = await createStaff(role);
});

describe('role matrix: every portal API as anonymous, marketer, clinician and admin', () => {
  for (const api of portalApis) {
    it.each(callers)(`${api.name} as %s`, async (caller) => {
      // A fresh session each call: sign-out revokes the one it was given.
      const cookie = caller === 'anonymous' ? undefined : await sessionCookie(staff[caller]);
      const response = await api.call(cookie);
      const body = response.status === 204 ? null : await response.json();
      if (caller === 'anonymous') {
        expect(response.status).toBe(401);
        expect(body.error.code).toBe('unauthenticated');
      } else if (!api.allowed.includes(caller)) {
        expect(response.status).toBe(403);
        expect(body.error).toEqual({
          code: 'forbidden',
          message: expect.stringMatching(/role does not allow/),
        });
      } else {
        expect(response.status).toBe(api.allowedStatus);
      }
    });
  }
});

describe('a session that no longer holds', () => {
  it('is refused with 401 after sign-out, a forged cookie, or past the 12-hour limit', async () => {
    const admin = await createStaff('admin');
    const cookie = await sessionCookie(admin);
    expect((await callRoute(meGET, { cookie })).status).toBe(200);

    const thirteenHoursAgo = Math.floor(Date.now() / 1000) - 13 * 3600;
    expect((await callRoute(meGET, { cookie: await sessionCookie(admin, thirteenHoursAgo) })).status).toBe(
      401,
    );
    expect((await callRoute(meGET, { cookie: `${cookie.split('=')[0]}=not-a-jwe` })).status).toBe(401);

    const signOut = await callRoute(signOutPOST, { cookie, method: 'POST' });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toMatch(/Max-Age=0; HttpOnly; SameSite=Lax/);
    // The same cookie, replayed after sign-out: its session version is gone.
    const replayed = await callRoute(meGET, { cookie });
    expect(replayed.status).toBe(401);
    expect((await replayed.json()).error.message).toBe('Sign in to the portal to do this.');
  });
});

describe('a password change', () => {
  it('needs the current password, and ends every session of the person at once', async () => {
    const clinician = await createStaff('clinician');
    const [laptop, phone] = [await sessionCookie(clinician), await sessionCookie(clinician)];
    const newPassword = 'violet harbour tram seventeen';

    const wrong = await callRoute(passwordPOST, {
      cookie: laptop,
      body: { currentPassword: 'a guess at the password', newPassword },
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.issues).toEqual([
      { path: 'currentPassword', message: 'Your current password is not right.' },
    ]);
    expect((await callRoute(meGET, { cookie: phone })).status).toBe(200);

    const changed = await callRoute(passwordPOST, {
      cookie: laptop,
      body: { currentPassword: TEST_PASSWORD, newPassword },
    });
    expect(changed.status).toBe(204);
    // Both sessions, the one that changed it included, are over.
    expect((await callRoute(meGET, { cookie: laptop })).status).toBe(401);
    expect((await callRoute(meGET, { cookie: phone })).status).toBe(401);
  });
});
