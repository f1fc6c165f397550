import { randomUUID } from 'node:crypto';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { legalDocuments } from '@telehealth/contracts';
import { createDocumentClient, PatientRepository, resolveTableNames } from '@telehealth/data';
import { latestCodeFor } from '../src/test/inbox';
import { expectNoSeriousA11yViolations, sesEndpoint } from './support';

const dateOfBirth = (page: Page) => page.getByRole('group', { name: 'Date of birth' });

async function typeDateOfBirth(page: Page, month: string, day: string, year: string) {
  const group = dateOfBirth(page);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Year').fill(year);
}

async function fillSignupForm(page: Page, email: string) {
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mobile phone').fill('(415) 555-0134');
  await typeDateOfBirth(page, '12', '10', '1990');
  await page.getByLabel('State').selectOption({ label: 'California' });
  await page.getByLabel(/I consent to receive care by telehealth/).check();
  await page.getByLabel(/I have received the Notice of Privacy Practices/).check();
}

/** A tap on a touch screen, a click with a mouse: the way a person on this device presses a button. */
async function press(target: Locator, hasTouch: boolean) {
  if (hasTouch) await target.tap();
  else await target.click();
}

/** The patient record as stored in DynamoDB Local (the spec runs inside `local-stack run`). */
async function storedPatient(email: string) {
  const db = createDocumentClient({
    region: process.env.AWS_REGION ?? 'us-east-1',
    endpoint: process.env.DYNAMODB_ENDPOINT,
  });
  try {
    return await new PatientRepository(db, resolveTableNames(process.env).patients).get(email);
  } finally {
    db.destroy();
  }
}

test('a patient signs up, confirms their email with the code from the inbox, and the record stores the versions it accepted @phone', async ({
  page,
  hasTouch,
}) => {
  const email = `ada.${randomUUID()}@example.com`;
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await fillSignupForm(page, email);
  const sentAt = Date.now();
  await press(page.getByRole('button', { name: 'Send my code' }), hasTouch);
  // Also true for an address that already has an account, whose email has no code.
  await expect(page.getByText(/We sent an email to .* with the next step/)).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const code = await latestCodeFor(sesEndpoint(), email);
  // Typing the sixth digit submits the code by itself.
  await page.getByLabel('6-digit code').pressSequentially(code);
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
  // What happens next, truthfully, and where to go for care now.
  await expect(page.getByText('Booking video visits is not open yet')).toBeVisible();
  await expect(page.getByRole('link', { name: '911' })).toBeVisible();
  await expect(page.getByRole('link', { name: '988' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const patient = await storedPatient(email);
  for (const key of ['telehealth', 'privacy', 'terms'] as const) {
    expect(patient?.consent[key].version).toBe(legalDocuments[key].version);
    expect(Date.parse(patient?.consent[key].acceptedAt ?? '')).toBeGreaterThanOrEqual(sentAt - 1000);
  }
  expect(patient?.dateOfBirth).toBe('1990-12-10');
  expect(patient?.phone).toBe('+14155550134');
});

test('the first press of "Send my code" is never lost to an error appearing, with an invalid last field @phone', async ({
  page,
  hasTouch,
}) => {
  await page.goto('/');
  await fillSignupForm(page, `kid.${randomUUID()}@example.com`);
  const send = page.getByRole('button', { name: 'Send my code' });
  const summary = page.getByRole('alert').filter({ hasText: 'Please check your details' });

  // An under-18 date of birth typed last, then the button pressed at once (focus still in the year).
  const year = String(new Date().getUTCFullYear() - 10);
  await dateOfBirth(page).getByLabel('Year').fill(year);
  await press(send, hasTouch);
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: /You must be 18 or older/ })).toBeVisible();
  await expect(dateOfBirth(page).getByLabel('Month')).toBeFocused();

  // A short phone number typed last.
  await dateOfBirth(page).getByLabel('Year').fill('1990');
  await page.getByLabel('Mobile phone').fill('415 555');
  await press(send, hasTouch);
  await expect(
    summary.getByRole('link', { name: 'Enter a valid phone number, like (415) 555-0134.' }),
  ).toBeVisible();
  await expect(page.getByLabel('Mobile phone')).toBeFocused();

  // A UK number is refused, and the message says why.
  await page.getByLabel('Mobile phone').fill('+44 7911 123456');
  await press(send, hasTouch);
  await expect(summary.getByRole('link', { name: /Enter a US mobile number/ })).toBeVisible();
});

test('the date of birth is three numeric boxes, and an error names and focuses the box to fix @phone', async ({
  page,
}) => {
  await page.goto('/');
  const group = dateOfBirth(page);
  await expect(group).toContainText('For example, 3 27 1985');
  for (const [label, autocomplete] of [
    ['Month', 'bday-month'],
    ['Day', 'bday-day'],
    ['Year', 'bday-year'],
  ] as const) {
    const box = group.getByLabel(label);
    await expect(box).toHaveAttribute('inputmode', 'numeric');
    await expect(box).toHaveAttribute('autocomplete', autocomplete);
    await expect(box).toHaveAttribute('type', 'text');
  }

  await fillSignupForm(page, `ada.${randomUUID()}@example.com`);
  await group.getByLabel('Year').fill('');
  await page.getByRole('button', { name: 'Send my code' }).click();
  const link = page.getByRole('link', { name: 'Date of birth must include a year.' });
  await expect(link).toBeVisible();
  await expect(group.getByLabel('Year')).toBeFocused();
  await expect(group.getByLabel('Year')).toHaveAttribute('aria-invalid', 'true');
  await expect(group.getByLabel('Month')).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('First name').focus();
  await link.click();
  await expect(group.getByLabel('Year')).toBeFocused();

  // The error clears once the date is whole; nothing else moves while typing elsewhere.
  await group.getByLabel('Year').fill('1990');
  await expect(group.getByText('Date of birth must include a year.')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test('the telehealth consent, the Notice of Privacy Practices and the terms are reachable from the form @phone', async ({
  page,
  context,
}) => {
  await page.goto('/');
  const documents = [
    [/Read the telehealth consent/, legalDocuments.telehealth, /Your right to say no, or to stop/],
    [/Read the notice/, legalDocuments.privacy, /Your rights/],
    [/terms of use/, legalDocuments.terms, /Not for emergencies/],
  ] as const;
  for (const [name, document, section] of documents) {
    const link = page.getByRole('link', { name });
    await expect(link).toHaveAttribute('href', document.path);
    const [opened] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await opened.waitForLoadState();
    await expect(opened.getByRole('heading', { level: 1, name: document.title })).toBeVisible();
    await expect(opened.getByText(`Version ${document.version}, effective`)).toBeVisible();
    await expect(opened.getByRole('heading', { level: 2, name: section })).toBeVisible();
    await expectNoSeriousA11yViolations(opened);
    await opened.close();
  }
  // The form is still there, as typed, in the first tab.
  await expect(page.getByRole('button', { name: 'Send my code' })).toBeVisible();
});

test('the Notice of Privacy Practices names the rights, the complaint route and the privacy contact', async ({
  page,
}) => {
  await page.goto(legalDocuments.privacy.path);
  for (const right of [
    'See and get a copy of your information.',
    'Ask us to correct your information.',
    'Get a list of those we shared it with',
    'Ask us to limit what we use or share.',
    'Ask us to contact you in a confidential way',
  ]) {
    await expect(page.getByText(right)).toBeVisible();
  }
  await expect(page.getByText(/Office for Civil\s+Rights/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Our duties' })).toBeVisible();
  await expect(page.locator('address')).toContainText('Privacy Officer');
  await expect(page.locator('address').getByRole('link')).toHaveAttribute('href', /^mailto:/);
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
  await expect(page.getByText(/We sent an email to/)).toBeVisible();

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
