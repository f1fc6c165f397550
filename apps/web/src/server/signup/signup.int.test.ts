import { randomBytes, randomUUID } from 'node:crypto';
import {
  currentVersions,
  documentsToAccept,
  legalDocuments,
  makeProvisionalPatientSchema,
} from '@telehealth/contracts';
import { signupInput } from '@telehealth/contracts/fixtures';
import {
  AuditRepository,
  EmailVerificationRepository,
  PatientRepository,
  RateLimitRepository,
} from '@telehealth/data';
import { describe, expect, it } from 'vitest';
import { POST as provisionalPOST } from '@/app/api/patient/provisional/route';
import { POST as verifyPOST } from '@/app/api/patient/verify/route';
import { AuditTrail, auditTrail } from '@/server/audit/audit';
import { dynamoDocumentClient } from '@/server/aws';
import { sendEmail } from '@/server/email/send';
import { emailCodes } from '@/server/email-verification';
import {
  createEmailCodes,
  type EmailCodesDeps,
  FAILURE_BUDGET,
  INVALID_CODE_MESSAGE,
  MAX_CODE_ATTEMPTS,
} from '@/server/email-verification/service';
import { publicConfig, serverEnv } from '@/server/env';
import { ApiError, type RequestContext } from '@/server/http';
import { rateLimiter } from '@/server/rate-limit';
import { inboxFor, latestCodeFor } from '@/test/inbox';
import { TestBrowser, uniqueIp } from '@/test/requests';
import { signupService } from './index';
import { createSignupService } from './service';

const sesEndpoint = () => serverEnv().SES_ENDPOINT as string;
const db = () => dynamoDocumentClient();
const patients = () => new PatientRepository(db(), serverEnv().tableNames.patients);
const auditLog = () => new AuditRepository(db(), serverEnv().tableNames.audit);
const schema = makeProvisionalPatientSchema(publicConfig.servedStates);

function context(now: Date, ip = uniqueIp()): RequestContext {
  return { requestId: randomUUID(), actor: 'public', params: {}, ip, now };
}

const newBinding = () => randomBytes(32).toString('base64url');

async function refused(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** Every item of the email-verification table for one email (the key is an HMAC, so scan). */
async function verificationItems(email: string) {
  const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
  const result = await db().send(
    new ScanCommand({
      TableName: serverEnv().tableNames.emailVerifications,
      FilterExpression: 'email = :email',
      ExpressionAttributeValues: { ':email': email },
    }),
  );
  return result.Items ?? [];
}

function codesDeps(overrides: Partial<EmailCodesDeps> = {}): EmailCodesDeps {
  const env = serverEnv();
  return {
    db: db(),
    verifications: new EmailVerificationRepository(db(), env.tableNames.emailVerifications),
    rateLimits: new RateLimitRepository(db(), env.tableNames.rateLimits),
    limiter: rateLimiter(),
    audit: auditTrail(),
    sendEmail: sendEmail(),
    secret: env.OTP_HMAC_SECRET,
    brandName: 'Lumen Health',
    ...overrides,
  };
}

/** A signup service whose email codes use `overrides` (a failing sender, a broken audit table). */
function signupServiceWith(overrides: Partial<EmailCodesDeps>) {
  const codesAudit = overrides.audit ?? auditTrail();
  return createSignupService({
    patients: patients(),
    codes: createEmailCodes(codesDeps(overrides)),
    audit: codesAudit,
    limiter: rateLimiter(),
    brandName: 'Lumen Health',
    appUrl: serverEnv().APP_URL,
  });
}

describe('patient signup against the local stack', () => {
  it('signs up in one browser, emails a code, verifies it there, and stores only a hash', async () => {
    const browser = new TestBrowser();
    const body = signupInput({ email: `  Grace.${randomUUID()}@Example.COM ` });
    const email = body.email.trim().toLowerCase();
    const response = await browser.post(provisionalPOST, body);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'code_sent', resendAfterSeconds: 60 });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lumen-signup=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);

    const [email1] = await inboxFor(sesEndpoint(), email);
    expect(email1?.from).toContain('no-reply@lumen-health.test');
    expect(email1?.body.text).toMatch(/expires in 10 minutes/);
    expect(email1?.body.text).not.toContain('Grace');
    const code = await latestCodeFor(sesEndpoint(), email);
    expect(email1?.subject).not.toContain(code);

    // Until it is verified, the signup is only a pending verification: no patient exists.
    expect(await patients().get(email)).toBeUndefined();
    const [pending] = await verificationItems(email);
    expect(pending).toMatchObject({ status: 'PENDING', codeAttempts: 0, details: { phone: '+14155550134' } });
    expect(JSON.stringify(pending)).not.toContain(code);

    const verified = await browser.post(verifyPOST, { email: body.email, code });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ status: 'verified' });

    const patient = await patients().get(email);
    expect(patient).toMatchObject({
      status: 'VERIFIED',
      firstName: 'Ada',
      phone: '+14155550134',
      state: 'CA',
    });
    const [used] = await verificationItems(email);
    expect(used?.status).toBe('USED');
    expect(used?.codeHash).toBeUndefined();
    expect(used?.details).toBeUndefined();
    const events = await auditLog().listForSubject(`patient#${patient?.patientId}`);
    expect(events.map((e) => e.action)).toEqual(['patient.provisional.created', 'patient.verified']);
    expect(events[0]?.sourceIp).toBe(browser.ip);
    // The actor is the request's (anonymous), never something the body said.
    expect(events.map((e) => e.actor)).toEqual(['public', 'public']);
  });

  it('stores which version of each document was accepted and when, and refuses a version not current', async () => {
    const browser = new TestBrowser();
    const body = signupInput();
    const sentAt = Date.now();
    expect((await browser.post(provisionalPOST, body)).status).toBe(202);
    const code = await latestCodeFor(sesEndpoint(), body.email);
    expect((await browser.post(verifyPOST, { email: body.email, code })).status).toBe(200);
    const consent = (await patients().get(body.email))?.consent;
    for (const key of ['telehealth', 'privacy', 'terms'] as const) {
      expect(consent?.[key].version).toBe(legalDocuments[key].version);
      expect(Date.parse(consent?.[key].acceptedAt ?? '')).toBeGreaterThanOrEqual(sentAt - 1000);
    }
    expect(documentsToAccept(consent)).toEqual([]);

    // A page opened before the terms changed: nobody accepts a version they were not shown.
    const stale = signupInput();
    const response = await new TestBrowser().post(provisionalPOST, {
      ...stale,
      consent: { ...stale.consent, versions: { ...currentVersions(), terms: '0' } },
    });
    expect(response.status).toBe(409);
    expect((await response.json()).error).toEqual({
      code: 'conflict',
      message:
        'Our Terms of use changed since you opened this page. Reload the page to read the current version, then send the form again.',
    });
    expect(await inboxFor(sesEndpoint(), stale.email)).toEqual([]);
    expect(await verificationItems(stale.email)).toEqual([]);
  });

  it('refuses a code from a browser without the signup cookie, with the same 400', async () => {
    const browser = new TestBrowser();
    const body = signupInput();
    await browser.post(provisionalPOST, body);
    const code = await latestCodeFor(sesEndpoint(), body.email);
    const stranger = new TestBrowser();
    const response = await stranger.post(verifyPOST, { email: body.email, code });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'invalid_code', message: INVALID_CODE_MESSAGE } });
    expect(await patients().get(body.email)).toBeUndefined();
    // The code still works where it was asked for.
    expect((await browser.post(verifyPOST, { email: body.email, code })).status).toBe(200);
  });

  it('keeps a second signup for the same email from another browser apart from the first', async () => {
    const victim = new TestBrowser();
    const attacker = new TestBrowser();
    const body = signupInput();
    await victim.post(provisionalPOST, body);
    const victimCode = await latestCodeFor(sesEndpoint(), body.email);
    const attackerResponse = await attacker.post(
      provisionalPOST,
      signupInput({
        email: body.email,
        firstName: 'Mallory',
        phone: '(212) 555-0199',
        dateOfBirth: '1970-01-01',
      }),
    );
    expect(attackerResponse.status).toBe(202);
    const attackerCode = await latestCodeFor(sesEndpoint(), body.email);
    expect(attackerCode).not.toBe(victimCode);

    // The newest code is the attacker's signup: in the victim's browser it confirms nothing.
    expect((await victim.post(verifyPOST, { email: body.email, code: attackerCode })).status).toBe(400);
    expect((await victim.post(verifyPOST, { email: body.email, code: victimCode })).status).toBe(200);
    expect(await patients().get(body.email)).toMatchObject({
      firstName: 'Ada',
      phone: '+14155550134',
      dateOfBirth: '1990-12-10',
    });
    // The attacker cannot use the victim's code either, and cannot change the verified patient.
    expect((await attacker.post(verifyPOST, { email: body.email, code: victimCode })).status).toBe(400);
    expect((await patients().get(body.email))?.firstName).toBe('Ada');
  });

  it('answers 202 for an email that is already verified, tells its owner, and changes nothing', async () => {
    const browser = new TestBrowser();
    const body = signupInput();
    await browser.post(provisionalPOST, body);
    const code = await latestCodeFor(sesEndpoint(), body.email);
    expect((await browser.post(verifyPOST, { email: body.email, code })).status).toBe(200);
    const other = new TestBrowser();
    const again = await other.post(provisionalPOST, signupInput({ email: body.email, firstName: 'Mallory' }));
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ status: 'code_sent', resendAfterSeconds: 60 });
    const emails = await inboxFor(sesEndpoint(), body.email);
    expect(emails.at(-1)?.subject).toMatch(/already confirmed/);
    expect(emails.at(-1)?.body.text).not.toContain('Mallory');
    const stored = await patients().get(body.email);
    expect(stored?.firstName).toBe('Ada');
    const actions = (await auditLog().listForSubject(`patient#${stored?.patientId}`)).map((e) => e.action);
    expect(actions).toContain('patient.signup.repeated');
  });

  it('returns one error shape for invalid input, with the field issues', async () => {
    const browser = new TestBrowser();
    const response = await browser.post(
      provisionalPOST,
      signupInput({ email: 'not-an-email', dateOfBirth: '2015-01-01', state: 'AK' }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('validation_failed');
    const paths = body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'dateOfBirth', 'state']));
    const extra = await browser.post(provisionalPOST, { ...signupInput(), isAdmin: true });
    expect(extra.status).toBe(400);
    expect((await extra.json()).error.issues).toEqual([
      expect.objectContaining({ path: 'isAdmin', message: expect.stringContaining('isAdmin') }),
    ]);
    const bidi = await browser.post(provisionalPOST, signupInput({ firstName: 'Ada\u202Egnp.exe' }));
    expect((await bidi.json()).error.issues).toEqual([expect.objectContaining({ path: 'firstName' })]);
    const broken = await browser.post(provisionalPOST, '{"firstName":');
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe('validation_failed');
  });

  it('gives the same 400 for a wrong code, an unknown email and a used code', async () => {
    const browser = new TestBrowser();
    const body = signupInput();
    await browser.post(provisionalPOST, body);
    const code = await latestCodeFor(sesEndpoint(), body.email);
    const wrong = code === '000000' ? '111111' : '000000';
    const responses = [
      await browser.post(verifyPOST, { email: body.email, code: wrong }),
      await browser.post(verifyPOST, { email: `nobody.${randomUUID()}@example.com`, code }),
    ];
    expect((await browser.post(verifyPOST, { email: body.email, code })).status).toBe(200);
    // The used code from another browser, and a wrong code where it was used.
    responses.push(await new TestBrowser().post(verifyPOST, { email: body.email, code }));
    responses.push(await browser.post(verifyPOST, { email: body.email, code: wrong }));
    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: { code: 'invalid_code', message: INVALID_CODE_MESSAGE },
      });
    }
  });

  it('answers a double click on the right code as verified twice, creating the patient once', async () => {
    const binding = newBinding();
    const body = schema.parse(signupInput());
    await signupService().requestCode(body, binding, context(new Date()));
    const code = await latestCodeFor(sesEndpoint(), body.email);
    const input = { email: body.email, code };
    const answers = await Promise.all([
      signupService().verify(input, binding, context(new Date())),
      signupService().verify(input, binding, context(new Date())),
    ]);
    expect(answers).toEqual([{ status: 'verified' }, { status: 'verified' }]);
    const stored = await patients().get(body.email);
    expect(stored?.status).toBe('VERIFIED');
    const actions = (await auditLog().listForSubject(`patient#${stored?.patientId}`)).map((e) => e.action);
    expect(actions.filter((a) => a === 'patient.verified')).toHaveLength(1);
    expect(actions).toContain('patient.verify.repeated');

    // Once the code's lifetime is over, the used code is only an invalid code.
    const later = new Date(Date.now() + 11 * 60_000);
    const error = await refused(signupService().verify(input, binding, context(later)));
    expect(error.code).toBe('invalid_code');
  });

  it('confirms a right code whose signup another browser finished first, and leaves that patient as it is', async () => {
    const [first, second] = [newBinding(), newBinding()];
    const body = schema.parse(signupInput());
    await signupService().requestCode(body, first, context(new Date()));
    const firstCode = await latestCodeFor(sesEndpoint(), body.email);
    await signupService().requestCode({ ...body, firstName: 'Grace' }, second, context(new Date()));
    const secondCode = await latestCodeFor(sesEndpoint(), body.email);
    await signupService().verify({ email: body.email, code: secondCode }, second, context(new Date()));

    const answer = await signupService().verify(
      { email: body.email, code: firstCode },
      first,
      context(new Date()),
    );
    expect(answer).toEqual({ status: 'verified' });
    const stored = await patients().get(body.email);
    expect(stored?.firstName).toBe('Grace');
    const actions = (await auditLog().listForSubject(`patient#${stored?.patientId}`)).map((e) => e.action);
    expect(actions).toContain('patient.signup.repeated');
    // The first browser's code is used: the same 400 as any other code from another browser.
    const items = await verificationItems(body.email);
    expect(items.map((item) => item.status).sort()).toEqual(['USED', 'USED']);
  });

  it('kills a code after 5 wrong attempts, even for the right code after', async () => {
    const browser = new TestBrowser();
    const body = signupInput();
    await browser.post(provisionalPOST, body);
    const code = await latestCodeFor(sesEndpoint(), body.email);
    const wrong = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i += 1) {
      expect((await browser.post(verifyPOST, { email: body.email, code: wrong })).status).toBe(400);
    }
    expect((await browser.post(verifyPOST, { email: body.email, code })).status).toBe(400);
    expect(await patients().get(body.email)).toBeUndefined();
  });

  it('refuses an expired code', async () => {
    const t0 = new Date();
    const binding = newBinding();
    const body = schema.parse(signupInput());
    await signupService().requestCode(body, binding, context(t0));
    const code = await latestCodeFor(sesEndpoint(), body.email);
    const elevenMinutesLater = new Date(t0.getTime() + 11 * 60_000);
    const error = await refused(
      signupService().verify({ email: body.email, code }, binding, context(elevenMinutesLater)),
    );
    expect(error.code).toBe('invalid_code');
    expect(await patients().get(body.email)).toBeUndefined();
  });

  it('counts at most 5 of 50 concurrent wrong guesses and never verifies', async () => {
    const browser = new TestBrowser();
    const body = signupInput();
    await browser.post(provisionalPOST, body);
    const code = await latestCodeFor(sesEndpoint(), body.email);
    const guesses = Array.from({ length: 50 }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
    );
    const statuses = await Promise.all(
      guesses.map((guess) =>
        browser.post(verifyPOST, { email: body.email, code: guess }).then((r) => r.status),
      ),
    );
    // Each is refused: 400, or 503 when concurrent guesses kept conflicting on the one item and the
    // request gave up with nothing written (a busy machine makes that likelier). Never 200.
    expect(statuses.filter((status) => status !== 400 && status !== 503)).toEqual([]);
    expect(statuses.filter((status) => status === 400).length).toBeGreaterThanOrEqual(MAX_CODE_ATTEMPTS);
    const [stored] = await verificationItems(body.email);
    expect(stored?.codeAttempts).toBe(MAX_CODE_ATTEMPTS);
    expect((await browser.post(verifyPOST, { email: body.email, code })).status).toBe(400);
    expect(await patients().get(body.email)).toBeUndefined();
  });

  it('backs off between codes for one browser and says when to try again', async () => {
    const t0 = new Date(Date.now() + 3 * 86_400_000);
    const binding = newBinding();
    const body = schema.parse(signupInput());
    const at = (seconds: number) => context(new Date(t0.getTime() + seconds * 1000));
    // Each answer says when the next code may be asked for, so the page's countdown ends when it may.
    expect(await signupService().requestCode(body, binding, at(0))).toEqual({
      status: 'code_sent',
      resendAfterSeconds: 60,
    });
    const first = await refused(signupService().requestCode(body, binding, at(1)));
    expect(first.code).toBe('rate_limited');
    expect(first.extra.retryAfterSeconds).toBe(59);
    expect(first.message).toMatch(/in 59 seconds/);
    expect((await signupService().requestCode(body, binding, at(61))).resendAfterSeconds).toBe(120);
    const second = await refused(signupService().requestCode(body, binding, at(62)));
    expect(second.extra.retryAfterSeconds).toBe(119);
    expect(second.message).toMatch(/in 2 minutes/);
    await signupService().requestCode(body, binding, at(61 + 120));
    expect(await inboxFor(sesEndpoint(), body.email)).toHaveLength(3);
  });

  it('leaves the real user able to get a code while an attacker hammers their email', async () => {
    const body = signupInput();
    const attacker = new TestBrowser();
    const statuses: number[] = [];
    // One browser that keeps its cookie, then one that drops it every time (a new binding each).
    for (let i = 0; i < 10; i += 1) statuses.push((await attacker.post(provisionalPOST, body)).status);
    for (let i = 0; i < 20; i += 1) {
      attacker.cookies.clear();
      statuses.push((await attacker.post(provisionalPOST, body)).status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);

    const user = new TestBrowser();
    const response = await user.post(provisionalPOST, body);
    expect(response.status).toBe(202);
    const code = await latestCodeFor(sesEndpoint(), body.email);
    expect((await user.post(verifyPOST, { email: body.email, code })).status).toBe(200);
  });

  it('keeps 10,000 random guesses spread over resends within the failure budget, verifying nothing', async () => {
    // One UTC day of its own, so the whole attack falls in one budget window.
    const day = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 5 * 86_400_000;
    const binding = newBinding();
    const body = schema.parse(signupInput());
    const email = body.email;
    let realCode = '';
    let guesses = 0;
    const statuses: Record<number, number> = {};
    for (let round = 0; guesses < 10_000; round += 1) {
      const now = new Date(day + round * 5 * 60_000);
      // The attacker asks for a fresh code each round (the backoff refuses some; that is fine).
      const sent = await signupService()
        .requestCode(body, binding, context(now))
        .then(
          () => true,
          () => false,
        );
      if (sent) realCode = await latestCodeFor(sesEndpoint(), email);
      const batch = Array.from({ length: 50 }, () => {
        let guess = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
        if (guess === realCode) guess = String((Number(guess) + 1) % 1_000_000).padStart(6, '0');
        return guess;
      });
      guesses += batch.length;
      const results = await Promise.all(
        batch.map((code) =>
          signupService()
            .verify({ email, code }, binding, context(now))
            .then(
              () => 200,
              (e: unknown) => (e instanceof ApiError ? (e.code === 'rate_limited' ? 429 : 400) : 500),
            ),
        ),
      );
      for (const status of results) statuses[status] = (statuses[status] ?? 0) + 1;
    }
    expect(statuses[200]).toBeUndefined();
    expect(statuses[500]).toBeUndefined();
    const budget = new RateLimitRepository(db(), serverEnv().tableNames.rateLimits);
    const key = rateLimiter().key('code-failures', email);
    const spent = await budget
      .budget(key, FAILURE_BUDGET.limit, FAILURE_BUDGET.windowSeconds, new Date(day))
      .spent();
    expect(spent).toBe(FAILURE_BUDGET.limit);
    expect(await patients().get(email)).toBeUndefined();

    // Past the budget even the right code is not checked: 429, and the owner was told once.
    const later = new Date(day + 20 * 3600_000);
    await signupService().requestCode(body, newBinding(), context(later));
    const error = await refused(
      signupService().verify(
        { email, code: await latestCodeFor(sesEndpoint(), email) },
        binding,
        context(later),
      ),
    );
    expect(error.code).toBe('rate_limited');
    expect(error.extra.retryAfterSeconds).toBe(4 * 3600);
    const notices = (await inboxFor(sesEndpoint(), email)).filter((e) =>
      /Wrong codes were entered/.test(e.subject),
    );
    expect(notices).toHaveLength(1);
  }, 240_000);

  it('tells the owner on a later refusal when the email saying codes stopped could not be sent', async () => {
    const day = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 7 * 86_400_000;
    const now = new Date(day + 3600_000);
    const body = schema.parse(signupInput());
    const email = body.email;
    // SES failing cannot be caused for real: the guesses go through a service whose sender throws.
    const failing = signupServiceWith({
      sendEmail: async () => {
        throw new Error('Throttling');
      },
    });
    const bindings = Array.from({ length: FAILURE_BUDGET.limit / MAX_CODE_ATTEMPTS }, newBinding);
    for (const binding of bindings) {
      await signupService().requestCode(body, binding, context(now));
      const code = await latestCodeFor(sesEndpoint(), email);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < MAX_CODE_ATTEMPTS; i += 1) {
        await refused(failing.verify({ email, code: wrong }, binding, context(now)));
      }
    }
    const notices = async () =>
      (await inboxFor(sesEndpoint(), email)).filter((e) => /Wrong codes were entered/.test(e.subject));
    expect(await notices()).toHaveLength(0);

    for (let i = 0; i < 2; i += 1) {
      const error = await refused(
        signupService().verify({ email, code: '123456' }, bindings[0] as string, context(now)),
      );
      expect(error.code).toBe('rate_limited');
    }
    expect(await notices()).toHaveLength(1);
  });

  it('lets the patient retry at once when the email could not be sent, with nothing half-written', async () => {
    // An SES outage cannot be caused for real here: this one dependency is replaced by a failing sender.
    const failing = signupServiceWith({
      sendEmail: async () => {
        throw new Error('Throttling');
      },
    });
    const binding = newBinding();
    const body = schema.parse(signupInput());
    const error = await refused(failing.requestCode(body, binding, context(new Date())));
    expect(error.code).toBe('service_unavailable');
    expect(error.extra.retryAfterSeconds).toBe(5);
    const [item] = await verificationItems(body.email);
    const events = await auditLog().listForSubject(`patient#${item?.subjectId}`);
    expect(events.map((e) => e.action)).toEqual(['patient.provisional.created']);

    await signupService().requestCode(body, binding, context(new Date()));
    const code = await latestCodeFor(sesEndpoint(), body.email);
    await signupService().verify({ email: body.email, code }, binding, context(new Date()));
    expect((await patients().get(body.email))?.status).toBe('VERIFIED');
  });

  it('lets a patient whose verification failed on the audit write retry, and succeed', async () => {
    // A real failure: an audit table that does not exist makes the whole transaction fail.
    const brokenAudit = new AuditTrail(new AuditRepository(db(), 'telehealth-audit-missing'));
    const broken = createSignupService({
      patients: patients(),
      codes: emailCodes(),
      audit: brokenAudit,
      limiter: rateLimiter(),
      brandName: 'Lumen Health',
      appUrl: serverEnv().APP_URL,
    });
    const binding = newBinding();
    const body = schema.parse(signupInput());
    await signupService().requestCode(body, binding, context(new Date()));
    const code = await latestCodeFor(sesEndpoint(), body.email);
    const failed = await broken.verify({ email: body.email, code }, binding, context(new Date())).then(
      () => 'verified',
      (e: unknown) => (e instanceof Error ? e.name : 'unknown'),
    );
    expect(failed).toBe('ResourceNotFoundException');
    expect(await patients().get(body.email)).toBeUndefined();
    const [pending] = await verificationItems(body.email);
    expect(pending?.status).toBe('PENDING');

    expect(await signupService().verify({ email: body.email, code }, binding, context(new Date()))).toEqual({
      status: 'verified',
    });
    expect((await patients().get(body.email))?.status).toBe('VERIFIED');
  });

  it('accepts at most 20 signups per IP per hour', async () => {
    const ip = uniqueIp();
    const responses: Response[] = [];
    for (let i = 0; i < 21; i += 1) {
      responses.push(await new TestBrowser(ip).post(provisionalPOST, signupInput()));
    }
    expect(responses.slice(0, 20).every((r) => r.status === 202)).toBe(true);
    const refused = responses[20] as Response;
    expect(refused.status).toBe(429);
    // The message says when, in the same figure as Retry-After.
    const wait = Number(refused.headers.get('retry-after'));
    const { error } = await refused.json();
    expect(error.message).toMatch(
      /^Too many sign-ups from this network\. You can try again in \d+ (seconds|minutes)\.$/,
    );
    expect(error.message).toContain(wait < 90 ? `${wait} second` : `${Math.ceil(wait / 60)} minutes`);
  });

  it('keeps personal data out of the logs', async () => {
    const lines: string[] = [];
    const original = { info: console.info, warn: console.warn, error: console.error };
    for (const level of ['info', 'warn', 'error'] as const) {
      console[level] = (...args: unknown[]) => lines.push(args.map(String).join(' '));
    }
    const browser = new TestBrowser();
    const body = signupInput();
    try {
      await browser.post(provisionalPOST, body);
      const code = await latestCodeFor(sesEndpoint(), body.email);
      await browser.post(verifyPOST, { email: body.email, code: code === '123456' ? '654321' : '123456' });
      await browser.post(verifyPOST, { email: body.email, code });
    } finally {
      Object.assign(console, original);
    }
    const logged = lines.join('\n');
    // The wrong code was refused, and said so in a line of its own.
    expect(logged).toContain('"event":"request.refused"');
    for (const secret of [
      body.email,
      '4155550134',
      body.dateOfBirth,
      'Lovelace',
      browser.cookieHeader ?? '-',
    ])
      expect(logged).not.toContain(secret);
  });
});
