import { clinicianApplicationInput, uniqueEmail } from '@telehealth/contracts/fixtures';
import { ClinicianApplicationRepository, openApplicationLockId } from '@telehealth/data';
import { describe, expect, it } from 'vitest';
import { POST as applyPOST } from '@/app/api/clinician/apply/route';
import { POST as codePOST } from '@/app/api/clinician/email/code/route';
import { DELETE as sessionDELETE, GET as sessionGET } from '@/app/api/clinician/email/session/route';
import { POST as verifyPOST } from '@/app/api/clinician/email/verify/route';
import { dynamoDocumentClient } from '@/server/aws';
import { serverEnv } from '@/server/env';
import { inboxFor, latestCodeFor } from '@/test/inbox';
import { TestBrowser } from '@/test/requests';
import { INVALID_CODE_MESSAGE } from './service';

const sesEndpoint = () => serverEnv().SES_ENDPOINT as string;
const applications = () =>
  new ClinicianApplicationRepository(dynamoDocumentClient(), serverEnv().tableNames.clinicianApplications);
const email = () => uniqueEmail('dr');

/** A body the contract accepts up to the email check (documents are checked after it). */
function applicationFor(address: string) {
  return clinicianApplicationInput({ email: address });
}

async function prove(browser: TestBrowser, address: string) {
  expect((await browser.post(codePOST, { email: address })).status).toBe(202);
  const code = await latestCodeFor(sesEndpoint(), address);
  return browser.post(verifyPOST, { email: address, code });
}

describe('clinician applicant email proof against the local stack', () => {
  it('emails a code with nothing the requester typed, verifies it, and keeps the proof in an HttpOnly cookie', async () => {
    const browser = new TestBrowser();
    const address = email();
    const sent = await browser.post(codePOST, { email: address });
    expect(sent.status).toBe(202);
    expect(await sent.json()).toEqual({ status: 'code_sent', resendAfterSeconds: 60 });
    const [message] = await inboxFor(sesEndpoint(), address);
    expect(message?.body.text).toMatch(/clinician application page/);

    const before = await browser.get(sessionGET);
    expect(before.status).toBe(401);
    const verified = await browser.post(verifyPOST, {
      email: address,
      code: await latestCodeFor(sesEndpoint(), address),
    });
    expect(verified.status).toBe(200);
    const body = await verified.json();
    expect(body).toMatchObject({ status: 'verified', email: address });
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(11 * 3600_000);
    const cookie = verified.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lumen-applicant=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toContain(address);

    const session = await browser.get(sessionGET);
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ status: 'verified', email: address });

    // "Start over" forgets the proof in this browser.
    const forgotten = await sessionDELETE(new Request('http://localhost/api', { method: 'DELETE' }));
    expect(forgotten.status).toBe(204);
    expect(forgotten.headers.get('set-cookie')).toMatch(/^lumen-applicant=; Max-Age=0;/);
  });

  it('refuses a wrong code and a code used from another browser with the one 400', async () => {
    const browser = new TestBrowser();
    const address = email();
    await browser.post(codePOST, { email: address });
    const code = await latestCodeFor(sesEndpoint(), address);
    for (const response of [
      await browser.post(verifyPOST, { email: address, code: code === '000000' ? '111111' : '000000' }),
      await new TestBrowser().post(verifyPOST, { email: address, code }),
    ]) {
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: { code: 'invalid_code', message: INVALID_CODE_MESSAGE },
      });
    }
  });

  it('files nothing, takes no lock and emails nobody without a proven email', async () => {
    const address = email();
    const stranger = new TestBrowser();
    const input = applicationFor(address);
    const response = await stranger.post(applyPOST, input);
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatchObject({
      code: 'unauthenticated',
      message: expect.stringMatching(/Confirm your email address/),
    });
    expect(await applications().get(openApplicationLockId(address))).toBeUndefined();
    expect(await inboxFor(sesEndpoint(), address)).toEqual([]);

    // A forged cookie is no proof either.
    stranger.cookies.set('lumen-applicant', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged');
    expect((await stranger.post(applyPOST, input)).status).toBe(401);
  });

  it('refuses an application under another email than the one proven', async () => {
    const browser = new TestBrowser();
    expect((await prove(browser, email())).status).toBe(200);
    const victim = email();
    const response = await browser.post(applyPOST, applicationFor(victim));
    expect(response.status).toBe(403);
    expect(await applications().get(openApplicationLockId(victim))).toBeUndefined();
    expect(await inboxFor(sesEndpoint(), victim)).toEqual([]);
  });
});
