import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { latestCodeFor } from '../src/test/inbox';
import { expectNoSeriousA11yViolations, sesEndpoint } from './support';

async function fillSignupForm(page: Page, email: string) {
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mobile phone').fill('(415) 555-0134');
  await page.getByLabel('Date of birth').fill('1990-12-10');
  await page.getByLabel('State').selectOption({ label: 'California' });
  await page.getByLabel(/I consent to receive care by telehealth/).check();
  await page.getByLabel(/I have read the privacy notice/).check();
}

test('a patient signs up on the landing page and confirms their email with the code from the inbox', async ({
  page,
}) => {
  const email = `ada.${randomUUID()}@example.com`;
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await fillSignupForm(page, email);
  await page.getByRole('button', { name: 'Send my code' }).click();
  await expect(page.getByText(/We sent a 6-digit code to/)).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const code = await latestCodeFor(sesEndpoint(), email);
  // Typing the sixth digit submits the code by itself.
  await page.getByLabel('6-digit code').pressSequentially(code);
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
});

test('a wrong code is explained, and the right code still works after', async ({ page }) => {
  const email = `grace.${randomUUID()}@example.com`;
  await page.goto('/');
  await fillSignupForm(page, email);
  await page.getByRole('button', { name: 'Send my code' }).click();
  const code = await latestCodeFor(sesEndpoint(), email);
  const wrong = code === '000000' ? '111111' : '000000';

  const codeInput = page.getByLabel('6-digit code');
  await codeInput.fill(wrong);
  await expect(page.getByRole('alert').filter({ hasText: /not valid or has expired/ })).toBeVisible();
  await expect(page.getByText(/You can ask for a new code in \d:\d\d/)).toBeVisible();

  await expect(codeInput).toHaveValue('');
  await expect(codeInput).toBeFocused();
  // Pasting the whole code (with a space) submits it once the sixth digit is in.
  await codeInput.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
});

test('a reload on the code step keeps the patient there, and the code still works', async ({ page }) => {
  const email = `mary.${randomUUID()}@example.com`;
  await page.goto('/');
  await fillSignupForm(page, email);
  await page.getByRole('button', { name: 'Send my code' }).click();
  await expect(page.getByText(/We sent a 6-digit code to/)).toBeVisible();

  await page.reload();
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel('6-digit code').fill(await latestCodeFor(sesEndpoint(), email));
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
});

test('the form shows inline errors from the shared contract before anything is sent', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Send my code' }).click();
  await expect(page.getByText('Enter your first name.').first()).toBeVisible();
  await expect(page.getByLabel('First name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('First name')).toBeFocused();
});

test('the landing page fits a phone screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Send my code' })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
