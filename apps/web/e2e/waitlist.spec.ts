import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { inboxFor, latestCodeFor } from '../src/test/inbox';
import { expectNoSeriousA11yViolations, sesEndpoint } from './support';

/** The removal link of the newest confirmation email to `email`, as its owner would click it. */
async function removalLinkFor(email: string): Promise<string> {
  await expect
    .poll(async () => (await inboxFor(sesEndpoint(), email)).some((e) => e.subject.includes('on the')))
    .toBe(true);
  const confirmation = (await inboxFor(sesEndpoint(), email)).findLast((e) => e.subject.includes('on the'));
  const href = confirmation?.body.html?.match(/href="([^"]*\/notify-me\/remove#[^"]*)"/)?.[1] ?? '';
  const url = new URL(href.replaceAll('&amp;', '&'));
  return `${url.pathname}${url.hash}`;
}

test('someone in a state not served yet leaves a proven email from the signup form, then removes it @phone', async ({
  page,
}) => {
  const email = `wait.${randomUUID()}@example.com`;
  await page.goto('/#signup');
  await page.getByRole('link', { name: 'Leave your email to hear when we get there' }).click();
  await expect(page).toHaveURL(/\/notify-me\?reason=state-not-served$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Hear when we can see you' })).toBeVisible();
  await expect(page.getByLabel('The state I am in is not served yet')).toBeChecked();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('combobox', { name: 'State' }).selectOption({ label: 'Oregon' });
  // Without the consent nothing is sent, and the summary says why.
  await page.getByRole('button', { name: 'Send my code' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Tick the box' })).toBeVisible();
  await expect(await inboxFor(sesEndpoint(), email)).toEqual([]);

  await page.getByLabel(/Email me once when .* can see me/).check();
  await page.getByRole('button', { name: 'Send my code' }).click();
  await expect(page.getByText(/We sent a 6-digit code to/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('6-digit code').fill(await latestCodeFor(sesEndpoint(), email));
  await expect(page.getByRole('heading', { name: 'You’re on the list' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const link = await removalLinkFor(email);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Remove your address' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Remove my address' }).click();
  await expect(page.getByRole('heading', { name: 'Your address is removed' })).toBeVisible();
  // The link no longer sits in the address bar, and it works only once.
  expect(new URL(page.url()).hash).toBe('');
  // Clicking the link in the email again opens a fresh page.
  await page.goto('about:blank');
  await page.goto(link);
  await page.getByRole('button', { name: 'Remove my address' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'already been used' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove my address' })).toHaveCount(0);
});

test('someone under 18 is asked for no birth date, only the reason @phone', async ({ page }) => {
  await page.goto('/notify-me?reason=under-18');
  await expect(page.getByLabel('I am under 18')).toBeChecked();
  await expect(page.getByText('We don’t ask for your birth date: only that you are under 18.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'State' })).toHaveCount(0);
  await expect(page.getByLabel(/birth/i)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});
