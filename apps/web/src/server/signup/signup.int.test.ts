import { randomUUID } from 'node:crypto';
import { makeProvisionalPatientSchema, type ProvisionalPatientInput } from '@telehealth/contracts';
import { AuditRepository, PatientRepository } from '@telehealth/data';
import { describe, expect, it } from 'vitest';
import { POST as provisionalPOST } from '@/app/api/patient/provisional/route';
import { POST as verifyPOST } from '@/app/api/patient/verify/route';
import { auditTrail } from '@/server/audit/audit';
import { dynamoDocumentClient } from '@/server/aws';
import { publicConfig, serverEnv } from '@/server/env';
import { ApiError, type RequestContext } from '@/server/http';
import { rateLimiter } from '@/server/rate-limit';
import { inboxFor, latestCodeFor } from '@/test/inbox';
import { postJson as post, uniqueIp } from '@/test/requests';
import { signupService } from './index';
import { createSignupService, INVALID_CODE_MESSAGE, MAX_CODE_ATTEMPTS } from './service';

const sesEndpoint = () => serverEnv().SES_ENDPOINT as string;
const patients = () => new PatientRepository(dynamoDocumentClient(), serverEnv().tableNames.patients);
const auditLog = () => new AuditRepository(dynamoDocumentClient(), serverEnv().tableNames.audit);
const schema = makeProvisionalPatientSchema(publicConfig.servedStates);

function signupBody(overrides: Partial<ProvisionalPatientInput> = {}): ProvisionalPatientInput {
  return {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: `ada.${randomUUID()}@example.com`,
    phone: '(415) 555-0134',
    dateOfBirth: '1990-12-10',
    state: 'CA',
    consent: { telehealth: true, privacy: true },
    ...overrides,
  };
}

function context(now: Date, ip = uniqueIp()): RequestContext {
  return { requestId: randomUUID(), ip, now };
}

async function refused(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('patient signup against the local stack', () => {
  it('signs up, emails a code, verifies it, and stores only a hash', async () => {
    const body = signupBody({ email: `  Grace.${randomUUID()}@Example.COM ` });
    const email = body.email.trim().toLowerCase();

    const response = await post(provisionalPOST, body);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'code_sent' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const [email1] = await inboxFor(sesEndpoint(), email);
    expect(email1?.from).toContain('no-reply@lumen-health.test');
    expect(email1?.body.text).toMatch(/expires in 10 minutes/);
    expect(email1?.body.html).toContain('<html');
    const code = await latestCodeFor(sesEndpoint(), email);
    expect(email1?.subject).not.toContain(code);

    const stored = await patients().get(email);
    expect(stored).toMatchObject({
      status: 'PENDING_VERIFICATION',
      phone: '+14155550134',
      state: 'CA',
      codeAttempts: 0,
    });
    expect(JSON.stringify(stored)).not.toContain(code);

    const verified = await post(verifyPOST, { email: body.email, code });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ status: 'verified' });

    const after = await patients().get(email);
    expect(after?.status).toBe('VERIFIED');
    expect(after?.codeHash).toBeUndefined();
    expect(after?.expiresAtEpoch).toBeUndefined();

    const actions = (await auditLog().listForSubject(`patient#${after?.patientId}`)).map((e) => e.action);
    expect(actions).toEqual(['patient.provisional.created', 'patient.verified']);
  });

  it('answers 202 for an email that is already verified and tells its owner by email', async () => {
    const body = signupBody();
    await post(provisionalPOST, body);
    const code = await latestCodeFor(sesEndpoint(), body.email);
    expect((await post(verifyPOST, { email: body.email, code })).status).toBe(200);

    await signupService().requestCode(
      schema.parse({ ...body, firstName: 'Mallory' }),
      context(new Date(Date.now() + 61_000)),
    );
    const emails = await inboxFor(sesEndpoint(), body.email);
    expect(emails.at(-1)?.subject).toMatch(/already confirmed/);
    const stored = await patients().get(body.email);
    expect(stored?.firstName).toBe('Ada');
    const actions = (await auditLog().listForSubject(`patient#${stored?.patientId}`)).map((e) => e.action);
    expect(actions).toContain('patient.signup.repeated');
  });

  it('returns one error shape for invalid input, with the field issues', async () => {
    const response = await post(
      provisionalPOST,
      signupBody({ email: 'not-an-email', dateOfBirth: '2015-01-01', state: 'AK' }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('validation_failed');
    const paths = body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'dateOfBirth', 'state']));

    const broken = await post(provisionalPOST, '{"firstName":');
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe('validation_failed');
  });

  it('gives the same 400 for a wrong code, an unknown email and a used code', async () => {
    const body = signupBody();
    await post(provisionalPOST, body);
    const code = await latestCodeFor(sesEndpoint(), body.email);
    const wrong = code === '000000' ? '111111' : '000000';

    const responses = [
      await post(verifyPOST, { email: body.email, code: wrong }),
      await post(verifyPOST, { email: `nobody.${randomUUID()}@example.com`, code }),
    ];
    expect((await post(verifyPOST, { email: body.email, code })).status).toBe(200);
    responses.push(await post(verifyPOST, { email: body.email, code }));

    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: { code: 'invalid_code', message: INVALID_CODE_MESSAGE },
      });
    }
  });

  it('kills a code after 5 wrong attempts, even for the right code after', async () => {
    const body = signupBody();
    await post(provisionalPOST, body);
    const code = await latestCodeFor(sesEndpoint(), body.email);
    const wrong = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i += 1) {
      expect((await post(verifyPOST, { email: body.email, code: wrong })).status).toBe(400);
    }
    expect((await post(verifyPOST, { email: body.email, code })).status).toBe(400);
    expect((await patients().get(body.email))?.status).toBe('PENDING_VERIFICATION');
  });

  it('refuses an expired code', async () => {
    const t0 = new Date();
    const body = schema.parse(signupBody());
    await signupService().requestCode(body, context(t0));
    const code = await latestCodeFor(sesEndpoint(), body.email);

    const elevenMinutesLater = new Date(t0.getTime() + 11 * 60_000);
    const error = await refused(
      signupService().verify({ email: body.email, code }, context(elevenMinutesLater)),
    );
    expect(error.code).toBe('invalid_code');
    expect((await patients().get(body.email))?.status).toBe('PENDING_VERIFICATION');
  });

  it('counts at most 5 of 50 concurrent wrong guesses and never verifies', async () => {
    const body = signupBody();
    await post(provisionalPOST, body);
    const code = await latestCodeFor(sesEndpoint(), body.email);
    const guesses = Array.from({ length: 50 }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
    );

    const statuses = await Promise.all(
      guesses.map((guess) => post(verifyPOST, { email: body.email, code: guess }).then((r) => r.status)),
    );
    expect(statuses.every((status) => status === 400)).toBe(true);
    const stored = await patients().get(body.email);
    expect(stored?.codeAttempts).toBe(MAX_CODE_ATTEMPTS);
    expect(stored?.status).toBe('PENDING_VERIFICATION');
    expect((await post(verifyPOST, { email: body.email, code })).status).toBe(400);
  });

  it('holds a 60 s resend cooldown with Retry-After', async () => {
    const body = signupBody();
    expect((await post(provisionalPOST, body)).status).toBe(202);
    const again = await post(provisionalPOST, body);
    expect(again.status).toBe(429);
    expect((await again.json()).error.code).toBe('rate_limited');
    const retryAfter = Number(again.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await inboxFor(sesEndpoint(), body.email)).toHaveLength(1);
  });

  it('lets the patient retry at once when the email could not be sent', async () => {
    // An SES outage cannot be caused for real here: this one dependency is replaced by a failing sender.
    const env = serverEnv();
    const failing = createSignupService({
      patients: patients(),
      audit: auditTrail(),
      limiter: rateLimiter(),
      sendEmail: async () => {
        throw new Error('Throttling');
      },
      secret: env.OTP_HMAC_SECRET,
      brandName: 'Lumen Health',
      appUrl: env.APP_URL,
    });
    const body = schema.parse(signupBody());
    const error = await refused(failing.requestCode(body, context(new Date())));
    expect(error.code).toBe('service_unavailable');
    expect(error.extra.retryAfterSeconds).toBe(5);
    await signupService().requestCode(body, context(new Date()));
    expect(await latestCodeFor(sesEndpoint(), body.email)).toMatch(/^\d{6}$/);
  });

  it('sends at most 5 codes per email per hour', async () => {
    const hourStart = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000);
    const body = schema.parse(signupBody());
    for (let i = 0; i < 5; i += 1) {
      await signupService().requestCode(body, context(new Date(hourStart.getTime() + i * 61_000)));
    }
    const error = await refused(
      signupService().requestCode(body, context(new Date(hourStart.getTime() + 5 * 61_000))),
    );
    expect(error.code).toBe('rate_limited');
    expect(error.extra.retryAfterSeconds).toBe(3600 - 5 * 61);
    expect(await inboxFor(sesEndpoint(), body.email)).toHaveLength(5);
  });

  it('accepts at most 20 signups per IP per hour', async () => {
    const ip = uniqueIp();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) statuses.push((await post(provisionalPOST, signupBody(), ip)).status);
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('keeps personal data out of the logs', async () => {
    const lines: string[] = [];
    const original = { info: console.info, warn: console.warn, error: console.error };
    for (const level of ['info', 'warn', 'error'] as const) {
      console[level] = (...args: unknown[]) => lines.push(args.map(String).join(' '));
    }
    const body = signupBody();
    try {
      await post(provisionalPOST, body);
      const code = await latestCodeFor(sesEndpoint(), body.email);
      await post(verifyPOST, { email: body.email, code: code === '123456' ? '654321' : '123456' });
      await post(verifyPOST, { email: body.email, code });
    } finally {
      Object.assign(console, original);
    }
    const logged = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [body.email, '4155550134', body.dateOfBirth, 'Lovelace'])
      expect(logged).not.toContain(secret);
  });
});
