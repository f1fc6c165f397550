import { uniqueEmail } from '@telehealth/contracts/fixtures';
import { AuditRepository, WaitlistRepository } from '@telehealth/data';
import { describe, expect, it } from 'vitest';
import { POST as codePOST } from '@/app/api/waitlist/code/route';
import { POST as removePOST } from '@/app/api/waitlist/remove/route';
import { POST as verifyPOST } from '@/app/api/waitlist/verify/route';
import { dynamoDocumentClient } from '@/server/aws';
import { publicConfig, serverEnv } from '@/server/env';
import { inboxFor, latestCodeFor } from '@/test/inbox';
import { TestBrowser } from '@/test/requests';
import { INVALID_CODE_MESSAGE } from '../email-verification/service';
import { waitlistService } from '.';
import { REMOVAL_LINK_INVALID } from './service';

const sesEndpoint = () => serverEnv().SES_ENDPOINT as string;
const entries = () => new WaitlistRepository(dynamoDocumentClient(), serverEnv().tableNames.waitlist);
const auditLog = () => new AuditRepository(dynamoDocumentClient(), serverEnv().tableNames.audit);
const unserved =
  (['OR', 'NV', 'AZ', 'MA'] as const).find((s) => !publicConfig.servedStates.includes(s)) ?? 'OR';

const answers = (email: string) => ({ email, reason: 'state-not-served', state: unserved, consent: true });

/** The removal link from the confirmation email, as its owner would click it. */
async function removalLinkFor(email: string) {
  const confirmation = (await inboxFor(sesEndpoint(), email)).find((e) => e.subject.includes('on the'));
  const href = confirmation?.body.html?.match(/href="([^"]*\/notify-me\/remove#[^"]*)"/)?.[1] ?? '';
  const url = new URL(href.replaceAll('&amp;', '&'));
  const params = new URLSearchParams(url.hash.slice(1));
  return { url, confirmation, entry: params.get('entry') ?? '', token: params.get('token') ?? '' };
}

async function join(browser: TestBrowser, email: string, body: Record<string, unknown> = answers(email)) {
  expect((await browser.post(codePOST, body)).status).toBe(202);
  const code = await latestCodeFor(sesEndpoint(), email);
  return browser.post(verifyPOST, { ...body, code });
}

describe('the waitlist against the local stack', () => {
  it('stores nothing until the address is proven, then the entry with its consent and an audit event', async () => {
    const browser = new TestBrowser();
    const email = uniqueEmail('teen');
    const entryKey = waitlistService().entryKeyOf(email);
    const body = { email, reason: 'under-18', consent: true };

    expect((await browser.post(codePOST, body)).status).toBe(202);
    // The code email carries nothing typed beyond the address, and nothing is stored yet.
    const [codeEmail] = await inboxFor(sesEndpoint(), email);
    expect(codeEmail?.body.text).toMatch(/waitlist page/);
    expect(codeEmail?.body.text).toMatch(/nothing is kept|keep the address only once its code is entered/);
    expect(await entries().get(entryKey)).toBeUndefined();

    const code = await latestCodeFor(sesEndpoint(), email);
    const wrong = await browser.post(verifyPOST, { ...body, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: { code: 'invalid_code', message: INVALID_CODE_MESSAGE } });
    // Another browser cannot use the code.
    expect((await new TestBrowser().post(verifyPOST, { ...body, code })).status).toBe(400);
    expect(await entries().get(entryKey)).toBeUndefined();

    const joined = await browser.post(verifyPOST, { ...body, code });
    expect(joined.status).toBe(201);
    expect(await joined.json()).toEqual({ status: 'joined' });
    const stored = await entries().get(entryKey);
    expect(stored).toMatchObject({
      email,
      purpose: 'notify-when-served',
      reason: 'under-18',
      consent: { version: 'waitlist-2026-11-27' },
    });
    expect(stored?.state).toBeUndefined();
    expect(Object.keys(stored ?? {})).not.toContain('dateOfBirth');
    expect(Date.parse(stored?.consent.acceptedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(stored?.removalTokenHash).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const events = await auditLog().listForSubject(`waitlist#${stored?.subjectId}`);
    expect(events.map((e) => e.action)).toEqual([
      'waitlist.code_sent',
      'waitlist.verify.refused',
      'waitlist.joined',
    ]);
    expect(JSON.stringify(events)).not.toContain(email);

    // The confirmation: a real link with text, built from APP_URL, the token never stored as such.
    const link = await removalLinkFor(email);
    expect(link.url.origin).toBe(new URL(serverEnv().APP_URL).origin);
    expect(link.confirmation?.body.html).toMatch(/>Remove my address from the list</);
    expect(link.entry).toBe(entryKey);
    expect(stored?.removalTokenHash).not.toBe(link.token);
  });

  it('removes the entry once with the emailed link, audited without the address; the link then stops working', async () => {
    const browser = new TestBrowser();
    const email = uniqueEmail('oregon');
    expect((await join(browser, email)).status).toBe(201);
    const stored = await entries().get(waitlistService().entryKeyOf(email));
    expect(stored).toMatchObject({ reason: 'state-not-served', state: unserved });

    const { entry, token } = await removalLinkFor(email);
    // A wrong token removes nothing.
    const forged = await browser.post(removePOST, {
      entry,
      token: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
    });
    expect(forged.status).toBe(404);
    expect(await entries().get(entry)).toBeDefined();

    const removed = await browser.post(removePOST, { entry, token });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ status: 'removed' });
    expect(await entries().get(entry)).toBeUndefined();

    const again = await browser.post(removePOST, { entry, token });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: { code: 'not_found', message: REMOVAL_LINK_INVALID } });

    const events = await auditLog().listForSubject(`waitlist#${stored?.subjectId}`);
    expect(events.map((e) => e.action).at(-1)).toBe('waitlist.removed');
    expect(JSON.stringify(events)).not.toContain(email);
  });

  it('replaces the entry when the address joins again, and the old removal link stops working', async () => {
    const browser = new TestBrowser();
    const email = uniqueEmail('twice');
    await join(browser, email);
    const first = await removalLinkFor(email);
    const again = await join(new TestBrowser(), email, { email, reason: 'under-18', consent: true });
    expect(again.status).toBe(201);
    const stored = await entries().get(first.entry);
    expect(stored?.reason).toBe('under-18');
    expect((await browser.post(removePOST, { entry: first.entry, token: first.token })).status).toBe(404);
    expect(await entries().get(first.entry)).toBeDefined();
  });

  it('refuses a served state, a missing consent and a state without its reason, naming each field', async () => {
    const browser = new TestBrowser();
    const email = uniqueEmail('refused');
    const served = publicConfig.servedStates[0];
    for (const [body, path] of [
      [{ ...answers(email), state: served }, 'state'],
      [{ ...answers(email), consent: false }, 'consent'],
      [{ email, reason: 'state-not-served', consent: true }, 'state'],
      [{ ...answers(email), dateOfBirth: '2012-01-01' }, 'dateOfBirth'],
    ] as const) {
      const response = await browser.post(codePOST, body);
      expect(response.status).toBe(400);
      const { error } = await response.json();
      expect(error.code).toBe('validation_failed');
      expect(error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(await inboxFor(sesEndpoint(), email)).toEqual([]);
  });
});
