import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { clinicianApplicationInput } from '@telehealth/contracts/fixtures';
import { TOTP } from 'otpauth';
import { inboxFor, latestCodeFor } from '../src/test/inbox';
import { expectNoSeriousA11yViolations, sesEndpoint } from './support';

// The server invites SEED_ADMIN_EMAIL when it starts (src/instrumentation.ts); local-stack sets it.
const SEED_ADMIN = 'admin@lumen-health.test';
const PASSWORD = 'quiet heron sketches maple rooftops';

// The review journey signs in as the admin the first test set up (its TOTP secret is kept here).
test.describe.configure({ mode: 'serial' });
let seedAdminSecret: string | undefined;

function codeFor(secret: string, at = Date.now()): string {
  return new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });
}

/** Waits for the next 30-second step, so the code differs from one already used (replay is refused). */
async function nextStepCode(secret: string): Promise<string> {
  const step = Math.floor(Date.now() / 30_000);
  while (Math.floor(Date.now() / 30_000) === step) await new Promise((r) => setTimeout(r, 500));
  return codeFor(secret);
}

async function invitationLink(to: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const mail = (await inboxFor(sesEndpoint(), to)).filter((m) => m.subject.includes('invited')).at(-1);
    const link = mail?.body.text?.match(/https?:\/\/\S+\/portal\/invitation\/\S+/)?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no invitation email for ${to}`);
}

async function expectHome(page: Page) {
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Staff portal' })).toBeVisible();
  await expect(page.getByRole('banner').getByText('Admin', { exact: true })).toBeVisible();
}

test('the seeded admin accepts the invitation from the inbox, sets a password, enrols TOTP, signs out and in again, and invites a clinician who signs in without TOTP', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  // Before any session, the portal sends people to sign in (the server checks, not only the proxy).
  await page.goto('/portal');
  await expect(page).toHaveURL(/\/portal\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to the staff portal' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const link = new URL(await invitationLink(SEED_ADMIN));
  await page.goto(link.pathname);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Admin' })).toBeVisible();
  // The rules are on the page before anything is typed.
  await expect(page.getByText('Use 15 to 128 characters.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(SEED_ADMIN);
  await expectNoSeriousA11yViolations(page);

  const password = page.getByLabel('Choose a password');
  await password.fill('too short');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByText('Use at least 15 characters (this has 9).')).toBeVisible();
  await password.fill('Admin password 123');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByText(/mostly your name|common or breached/)).toBeVisible();
  await password.fill(PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'Set up your authenticator app' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = ((await page.getByTestId('totp-manual-key').textContent()) ?? '').replaceAll(' ', '');
  seedAdminSecret = secret;
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('The 6-digit code your app shows now').fill(codeFor(secret));
  await page.getByRole('button', { name: 'Confirm' }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'Save your backup codes' })).toBeVisible();
  await expect(page.getByTestId('backup-codes').getByRole('listitem')).toHaveCount(10);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'I have saved them, continue' }).click();
  await expectHome(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Invite a person' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The link is spent.
  await page.goto(link.pathname);
  await expect(
    page.getByRole('heading', { level: 1, name: 'This invitation link no longer works' }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.goto('/portal');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You are signed out on every device.')).toBeVisible();
  await page.goto('/portal');
  await expect(page).toHaveURL(/\/portal\/sign-in$/);

  await page.getByLabel('Email').fill(SEED_ADMIN);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('The email or password is not right. Check both and try again.')).toBeVisible();

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Enter your code' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('The 6-digit code from your authenticator app').fill(await nextStepCode(secret));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectHome(page);

  // The admin invites a clinician, who accepts in another browser and needs no authenticator.
  const clinicianEmail = `clinician-${Date.now()}@lumen-health.test`;
  const invite = page.getByRole('region', { name: 'Invite a person' });
  await invite.getByLabel('Name').fill('Grace Hopper');
  await invite.getByLabel('Email').fill(clinicianEmail);
  await invite.getByLabel('Role').selectOption('clinician');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(invite.getByText(`Invitation sent to ${clinicianEmail}.`, { exact: false })).toBeVisible();

  // Another browser: no cookie of the admin's. The link is absolute (APP_URL).
  const clinicianContext = await browser.newContext();
  const clinicianPage = await clinicianContext.newPage();
  await clinicianPage.goto(await invitationLink(clinicianEmail));
  await expect(clinicianPage.getByRole('heading', { level: 1, name: 'Welcome, Grace Hopper' })).toBeVisible();
  await clinicianPage.getByLabel('Choose a password').fill('tidal compass orchard lanterns');
  await clinicianPage.getByRole('button', { name: 'Set password' }).click();
  await expect(clinicianPage).toHaveURL(/\/portal$/);
  await expect(clinicianPage.getByRole('banner').getByText('Clinician', { exact: true })).toBeVisible();
  await expect(clinicianPage.getByRole('heading', { name: 'Invite a person' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(clinicianPage);

  // My account: the password change needs the current password and signs out everywhere.
  await clinicianPage.getByRole('link', { name: 'My account' }).click();
  await expect(clinicianPage.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await expectNoSeriousA11yViolations(clinicianPage);
  await clinicianPage.getByLabel('Current password').fill('not my current password');
  await clinicianPage.getByLabel('New password').fill('amber glacier whistles softly');
  await clinicianPage.getByRole('button', { name: 'Change password' }).click();
  await expect(clinicianPage.getByText('Your current password is not right.')).toBeVisible();
  await clinicianPage.getByLabel('Current password').fill('tidal compass orchard lanterns');
  await clinicianPage.getByRole('button', { name: 'Change password' }).click();
  await expect(
    clinicianPage.getByText('Your password is changed and you are signed out everywhere.', { exact: false }),
  ).toBeVisible();
  await clinicianPage.getByLabel('Email').fill(clinicianEmail);
  await clinicianPage.getByLabel('Password').fill('amber glacier whistles softly');
  await clinicianPage.getByRole('button', { name: 'Continue' }).click();
  await expect(clinicianPage).toHaveURL(/\/portal$/);
  await clinicianContext.close();
});

test('the sign-in page works on a phone and refuses an unknown account without saying so @phone', async ({
  page,
}) => {
  await page.goto('/portal/sign-in');
  await page.getByLabel('Email').fill('nobody@lumen-health.test');
  await page.getByLabel('Password').fill('any password at all here');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('The email or password is not right. Check both and try again.')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

const pdf = readFileSync(fileURLToPath(new URL('./fixtures/sample-document.pdf', import.meta.url)));

/** A clinician applies through the API, as the form does: email code, uploads to S3, submit. */
async function applyThroughApi(request: APIRequestContext, lastName: string) {
  const input = clinicianApplicationInput({
    legalLastName: lastName,
    signature: { typedName: `Maria ${lastName}`, signedOn: new Date().toISOString().slice(0, 10) },
  });
  expect((await request.post('/api/clinician/email/code', { data: { email: input.email } })).status()).toBe(
    202,
  );
  const code = await latestCodeFor(sesEndpoint(), input.email);
  expect(
    (await request.post('/api/clinician/email/verify', { data: { email: input.email, code } })).status(),
  ).toBe(200);
  const documents = [];
  for (const doc of input.documents) {
    const presign = await request.post('/api/uploads/presign', {
      data: {
        draftId: input.draftId,
        purpose: doc.purpose,
        fileName: doc.fileName,
        contentType: 'application/pdf',
        size: pdf.length,
      },
    });
    expect(presign.status()).toBe(200);
    const { key, url, headers } = await presign.json();
    expect((await request.put(url, { headers, data: pdf })).status()).toBe(200);
    documents.push({ ...doc, key, size: pdf.length });
  }
  const applied = await request.post('/api/clinician/apply', { data: { ...input, documents } });
  expect(applied.status()).toBe(201);
  return { ...input, ...(await applied.json()) } as { email: string; referenceNumber: string };
}

test('an admin finds a new application in the queue, opens it and a document, and rejects it with a reason; the applicant is emailed', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const secret = seedAdminSecret;
  expect(secret, 'the first test sets up the seed admin').toBeTruthy();
  const lastName = `Review${Date.now()
    .toString(36)
    .replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)] ?? 'x')}`;
  const application = await applyThroughApi(request, lastName);

  await page.goto('/portal/sign-in');
  await page.getByLabel('Email').fill(SEED_ADMIN);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page
    .getByLabel('The 6-digit code from your authenticator app')
    .fill(await nextStepCode(secret as string));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectHome(page);

  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Applications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clinician applications' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Submitted \(\d+\)$/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel('Search by name or email').fill(lastName.toLowerCase());
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: `Maria ${lastName}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Maria ${lastName}` })).toBeVisible();
  await expect(page.getByText(application.referenceNumber, { exact: false })).toBeVisible();
  await expect(page.getByRole('link', { name: /NPI registry/ })).toHaveAttribute(
    'href',
    'https://npiregistry.cms.hhs.gov/provider-view/1234567893',
  );
  await expectNoSeriousA11yViolations(page);

  // A document opens through its short-lived link.
  const detailUrl = page.url();
  const opened = page.waitForRequest((r) => r.url().includes('X-Amz-Expires=60'));
  await page.getByRole('button', { name: 'Open State license' }).click();
  const document = await (await opened).response();
  expect(document?.status()).toBe(200);
  expect(await document?.headerValue('content-disposition')).toBe('inline; filename="license.pdf"');
  await page.waitForURL((url) => url.searchParams.get('X-Amz-Expires') === '60');
  await page.goto(detailUrl);
  await expect(page.getByRole('heading', { level: 1, name: `Maria ${lastName}` })).toBeVisible();

  // Rejecting needs a reason.
  await page.getByRole('button', { name: 'Reject…' }).click();
  await page.getByRole('button', { name: 'Reject application' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Give the reason for rejecting');
  await page.getByLabel('Reason for rejecting').fill('We could not verify your California license.');
  await page.getByRole('button', { name: 'Reject application' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('The applicant has been emailed.');
  await expect(page.getByText('This application is closed: no further decisions.')).toBeVisible();
  await expect(page.getByRole('main').getByText('Rejected', { exact: true })).toBeVisible();

  await expect
    .poll(async () => (await inboxFor(sesEndpoint(), application.email)).map((m) => m.subject))
    .toContain(`About your application (${application.referenceNumber})`);
});
