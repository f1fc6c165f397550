import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { AuditRepository, openApplicationLockId } from '@telehealth/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as decisionPOST } from '@/app/api/admin/clinician/applications/[applicationId]/decision/route';
import { dynamoDocumentClient } from '@/server/aws';
import { serverEnv } from '@/server/env';
import { applicationsTable, storeApplication } from '@/test/applications';
import { inboxFor } from '@/test/inbox';
import { callRoute, createStaff, sessionCookie, type TestStaff } from '@/test/staff';

const auditLog = () => new AuditRepository(dynamoDocumentClient(), serverEnv().tableNames.audit);
const sesEndpoint = () => serverEnv().SES_ENDPOINT as string;

let admin: TestStaff;
let secondAdmin: TestStaff;

beforeAll(async () => {
  [admin, secondAdmin] = await Promise.all([createStaff('admin'), createStaff('admin')]);
});

async function decide(staff: TestStaff, applicationId: string, body: Record<string, unknown>) {
  return callRoute(decisionPOST, { cookie: await sessionCookie(staff), body, params: { applicationId } });
}

async function lockOf(email: string) {
  const result = await dynamoDocumentClient().send(
    new GetCommand({
      TableName: serverEnv().tableNames.clinicianApplications,
      Key: { applicationId: openApplicationLockId(email) },
      ConsistentRead: true,
    }),
  );
  return result.Item;
}

async function waitForEmail(to: string, subject: RegExp) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const found = (await inboxFor(sesEndpoint(), to)).find((email) => subject.test(email.subject));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email matching ${subject} for ${to}`);
}

describe('decisions on an application', () => {
  it('follow the state machine: review, request information, review again, approve; each audited and emailed', async () => {
    const record = await storeApplication();
    const { applicationId } = record;

    const started = await decide(admin, applicationId, { action: 'start_review' });
    expect(started.status).toBe(200);
    expect(await started.json()).toMatchObject({
      status: 'IN_REVIEW',
      decision: { from: 'SUBMITTED' },
      applicantEmailed: true,
    });
    await waitForEmail(record.email, /We are reviewing your application/);

    const asked = await decide(admin, applicationId, {
      action: 'request_info',
      message: 'Please send a copy of your current California license.',
    });
    expect(asked.status).toBe(200);
    const askedEmail = await waitForEmail(record.email, /We need more information/);
    expect(askedEmail.body.text).toContain('Please send a copy of your current California license.');

    expect((await decide(admin, applicationId, { action: 'start_review' })).status).toBe(200);
    const approved = await decide(admin, applicationId, { action: 'approve' });
    expect(approved.status).toBe(200);
    await waitForEmail(record.email, /Your application is approved/);

    const stored = await applicationsTable().get(applicationId);
    expect(stored?.status).toBe('APPROVED');
    expect(stored?.decisions?.map((d) => d.action)).toEqual([
      'start_review',
      'request_info',
      'start_review',
      'approve',
    ]);
    expect(stored?.decisions?.[0]?.by).toBe(`staff#${admin.userId}`);
    const events = await auditLog().listForSubject(`clinician-application#${applicationId}`);
    const decided = events.filter((e) => e.action !== 'clinician.application.submitted');
    expect(decided.map((e) => e.action)).toEqual([
      'clinician.application.start_review',
      'clinician.application.request_info',
      'clinician.application.start_review',
      'clinician.application.approve',
    ]);
    expect(decided.every((e) => e.actor === `staff#${admin.userId}`)).toBe(true);
    // No free text about the applicant in the audit trail.
    expect(JSON.stringify(decided)).not.toContain('California license');
  });

  it('refuses a move the state machine does not allow, with a message that says why', async () => {
    const { applicationId } = await storeApplication();
    const approveUnreviewed = await decide(admin, applicationId, { action: 'approve' });
    expect(approveUnreviewed.status).toBe(409);
    expect((await approveUnreviewed.json()).error.message).toBe(
      'You cannot approve an application that is submitted.',
    );
    expect((await applicationsTable().get(applicationId))?.status).toBe('SUBMITTED');
  });

  it('needs a reason to reject and a message to request information', async () => {
    const { applicationId } = await storeApplication();
    const noReason = await decide(admin, applicationId, { action: 'reject' });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.issues).toEqual([
      { path: 'reason', message: 'Give the reason for rejecting: the applicant reads it.' },
    ]);
    const blankMessage = await decide(admin, applicationId, { action: 'request_info', message: '   ' });
    expect(blankMessage.status).toBe(400);
    expect((await blankMessage.json()).error.issues).toEqual([
      { path: 'message', message: 'Write what the applicant needs to send: they read this message.' },
    ]);
    expect((await applicationsTable().get(applicationId))?.status).toBe('SUBMITTED');
  });

  it('answers 404 for an unknown application', async () => {
    const response = await decide(admin, crypto.randomUUID(), { action: 'start_review' });
    expect(response.status).toBe(404);
  });

  it('two admins approving at once: one 200, one 409 that says another admin already approved it', async () => {
    const { applicationId } = await storeApplication();
    expect((await decide(admin, applicationId, { action: 'start_review' })).status).toBe(200);

    const answers = await Promise.all([
      decide(admin, applicationId, { action: 'approve' }),
      decide(secondAdmin, applicationId, { action: 'approve' }),
    ]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = answers.find((r) => r.status === 409) as Response;
    expect((await loser.json()).error).toEqual({
      code: 'conflict',
      message:
        'Another admin already approved this application. Reload the application to see where it stands.',
    });
    const stored = await applicationsTable().get(applicationId);
    expect(stored?.decisions?.filter((d) => d.action === 'approve')).toHaveLength(1);
    const events = await auditLog().listForSubject(`clinician-application#${applicationId}`);
    expect(events.filter((e) => e.action === 'clinician.application.approve')).toHaveLength(1);
  });

  it('one admin approving while another rejects: exactly one of them wins', async () => {
    const { applicationId } = await storeApplication();
    expect((await decide(admin, applicationId, { action: 'start_review' })).status).toBe(200);
    const [approve, reject] = await Promise.all([
      decide(admin, applicationId, { action: 'approve' }),
      decide(secondAdmin, applicationId, { action: 'reject', reason: 'License could not be verified.' }),
    ]);
    expect([approve.status, reject.status].sort()).toEqual([200, 409]);
    const stored = await applicationsTable().get(applicationId);
    expect(stored?.status).toBe(approve.status === 200 ? 'APPROVED' : 'REJECTED');
  });

  it.each([
    ['approve', [{ action: 'start_review' }, { action: 'approve' }]],
    ['reject', [{ action: 'reject', reason: 'Your license is on probation in California.' }]],
  ])('releases the open-application lock on %s, so the email can apply again', async (_name, steps) => {
    const record = await storeApplication();
    expect((await lockOf(record.email))?.openApplicationId).toBe(record.applicationId);
    // While open, a second application for the email is refused.
    await expect(storeApplication({ email: record.email })).rejects.toThrow(/open_application_exists/);

    for (const step of steps) expect((await decide(admin, record.applicationId, step)).status).toBe(200);
    expect(await lockOf(record.email)).toBeUndefined();

    const again = await storeApplication({ email: record.email });
    expect((await lockOf(record.email))?.openApplicationId).toBe(again.applicationId);
  });

  it('keeps the lock while the application is only in review or waiting for information', async () => {
    const record = await storeApplication();
    expect((await decide(admin, record.applicationId, { action: 'start_review' })).status).toBe(200);
    expect(
      (await decide(admin, record.applicationId, { action: 'request_info', message: 'Send your CV.' }))
        .status,
    ).toBe(200);
    expect((await lockOf(record.email))?.openApplicationId).toBe(record.applicationId);
  });

  it('emails the rejection with the reason', async () => {
    const record = await storeApplication();
    const response = await decide(admin, record.applicationId, {
      action: 'reject',
      reason: 'We could not verify your malpractice insurance.',
    });
    expect(response.status).toBe(200);
    const email = await waitForEmail(record.email, /About your application/);
    expect(email.body.text).toContain('We could not verify your malpractice insurance.');
  });
});
