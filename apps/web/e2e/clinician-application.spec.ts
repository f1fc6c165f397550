import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page, type TestInfo, test } from '@playwright/test';
import { inboxFor, latestCodeFor } from '../src/test/inbox';
import { expectNoSeriousA11yViolations, sesEndpoint } from './support';

const pdf = readFileSync(fileURLToPath(new URL('./fixtures/sample-document.pdf', import.meta.url)));
const png = readFileSync(fileURLToPath(new URL('./fixtures/sample-certificate.png', import.meta.url)));

const inTwoYears = `${new Date().getUTCFullYear() + 2}-06-30`;

function asPdf(name: string) {
  return { name, mimeType: 'application/pdf', buffer: pdf };
}

/** "Step n of 9" as shown: above the heading on a wide screen, in the folded progress line on a phone. */
function stepCounter(page: Page, position: number) {
  return page.getByText(new RegExp(`^Step ${position} of 9`)).filter({ visible: true });
}

async function expectStep(page: Page, title: string, position: number) {
  const heading = page.getByRole('heading', { level: 2, name: title });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(stepCounter(page, position)).toHaveCount(1);
  await expect(
    page.getByRole('navigation', { name: 'Application steps' }).locator('[aria-current="step"]').first(),
  ).toHaveText(new RegExp(title));
  // The step is in the URL, so back, forward and reload keep to it.
  const stepIds = [
    'email',
    'identity',
    'profession',
    'licenses',
    'dea-board',
    'malpractice',
    'work-history',
    'attestations',
    'review',
  ];
  await expect(page).toHaveURL(new RegExp(`[?&]step=${stepIds[position - 1]}(&|$)`));
}

async function continueTo(page: Page, title: string, position: number) {
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectStep(page, title, position);
}

/** Uploads a file to a document slot and waits until the slot says it is uploaded. */
async function upload(
  scope: Page | Locator,
  label: string,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  await scope.getByLabel(label, { exact: true }).setInputFiles(file);
  await expect(scope.getByText(`Uploaded: ${file.name}`)).toBeVisible();
}

async function openApplication(page: Page) {
  await page.goto('/');
  await page.getByRole('link', { name: 'Join our clinical network' }).click();
  await expect(page).toHaveURL(/\/clinicians\/apply(\?step=email)?$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Apply to join our clinical network' }),
  ).toBeVisible();
  // Hydrated, and the proof this browser holds (none yet) is known: typing before that would be replaced.
  await expect(page.getByRole('button', { name: 'Send code' })).toBeEnabled();
}

/** The sentence under the code field: "We sent a 6-digit code to <email>. It expires in 10 minutes." */
function codeSentTo(page: Page, email: string) {
  return page.getByText(`We sent a 6-digit code to ${email}. It expires in 10 minutes.`);
}

/** Step 1: sends a code to `email`, reads it from the local inbox and enters it. */
async function confirmEmail(page: Page, email: string) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Send code' }).click();
  // The code is in the inbox once the page shows the code entry (the server sends before it answers).
  await expect(codeSentTo(page, email)).toBeVisible();
  await page.getByLabel('6-digit code').fill(await latestCodeFor(sesEndpoint(), email));
}

async function fillIdentity(page: Page) {
  await page.getByLabel('Legal first name').fill('Maria');
  await page.getByLabel('Legal last name').fill('Lopez');
  await page.getByLabel('Mobile phone').fill('(415) 555-0134');
  await page.getByLabel('Street address').fill('1 Market St');
  await page.getByLabel('City').fill('San Francisco');
  await page.getByLabel('State', { exact: true }).selectOption({ label: 'California' });
  await page.getByLabel('ZIP code').fill('94105');
}

async function fillProfession(page: Page) {
  await page.getByLabel('Profession', { exact: true }).selectOption({ label: 'Physician (MD)' });
  await page.getByLabel('Specialties').fill('Psychiatry, Addiction medicine');
  await page.getByLabel('NPI (National Provider Identifier)').fill('1234567893');
}

async function fillLicense(page: Page) {
  const license = page.getByRole('group', { name: 'License 1' });
  await license.getByLabel('State', { exact: true }).selectOption({ label: 'California' });
  await license.getByLabel('License number').fill('A123456');
  await license.getByLabel('Expiry date').fill(inTwoYears);
  return license;
}

test('a clinician applies with their documents, resumes after a reload, and gets a reference by email', async ({
  page,
}) => {
  // The whole journey, every step and upload: on a busy machine it outlasts the default minute.
  test.slow();
  const email = `maria.${randomUUID()}@example.com`;
  await openApplication(page);
  await expect(stepCounter(page, 1)).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 2, name: 'Confirm your email' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // 1. Confirm your email: checked with the shared contract before anything is sent.
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Please check these details' })).toBeVisible();
  const emailField = page.getByLabel('Email', { exact: true });
  await expect(emailField).toHaveAttribute('aria-invalid', 'true');
  await expect(emailField).toBeFocused();
  await expectNoSeriousA11yViolations(page);

  await emailField.fill(email);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(codeSentTo(page, email)).toBeVisible();
  const codeField = page.getByLabel('6-digit code');
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(codeField).toHaveAttribute('inputmode', 'numeric');
  await expect(page.getByText(/You can ask for a new code in \d:\d\d/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Pasting the code as the email shows it (with a space) confirms it once the sixth digit is in.
  const code = await latestCodeFor(sesEndpoint(), email);
  await codeField.evaluate(
    (input, text) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text', text);
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    },
    `${code.slice(0, 3)} ${code.slice(3)}`,
  );

  // 2. Identity and contact, with the proven email shown, not editable.
  await expectStep(page, 'Identity and contact', 2);
  await expect(page.getByText(email, { exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveCount(0);

  // Continue checks the step with the shared contract before moving on.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Please check these details' })).toBeVisible();
  await expect(page.getByLabel('Legal first name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Legal first name')).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await fillIdentity(page);

  // "Change email" goes back to step 1, where the proven email can be kept; the answers stay.
  await page.getByRole('button', { name: 'Change email' }).click();
  await expectStep(page, 'Confirm your email', 1);
  await expect(page.getByText(`You have already confirmed ${email} in this browser.`)).toBeVisible();
  const keep = page.getByRole('button', { name: 'Continue with this email' });
  await expect(keep).toHaveAccessibleDescription(`You have already confirmed ${email} in this browser.`);
  await keep.click();
  await expectStep(page, 'Identity and contact', 2);
  await expect(page.getByLabel('Legal first name')).toHaveValue('Maria');
  await continueTo(page, 'Profession and NPI', 3);
  await expectNoSeriousA11yViolations(page);

  // 3. Profession and NPI
  await fillProfession(page);
  await continueTo(page, 'State licenses', 4);
  await expectNoSeriousA11yViolations(page);

  // 4. Licenses, each with its copy
  const license = await fillLicense(page);
  await upload(license, 'Copy of this license', asPdf('ca-license.pdf'));
  await expectNoSeriousA11yViolations(page);
  await continueTo(page, 'DEA and board certification', 5);
  await expectNoSeriousA11yViolations(page);

  // 5. DEA and board certification (both apply to an MD)
  await page.getByLabel('I have a DEA registration').check();
  const dea = page.getByRole('group', { name: 'DEA registration 1', exact: true });
  await dea.getByLabel('DEA number').fill('AB1234563');
  await dea.getByLabel('State of registration').selectOption({ label: 'California' });
  await dea.getByLabel('Expiry date').fill(inTwoYears);
  await upload(dea, 'DEA registration certificate', asPdf('dea.pdf'));
  await page.getByLabel('I am board certified').check();
  const board = page.getByRole('group', { name: 'Board certification', exact: true });
  await board.getByLabel('Certifying board').fill('American Board of Psychiatry and Neurology');
  await board.getByLabel('Certificate or specialty').fill('Psychiatry');
  await board.getByLabel('Time-limited: it has an expiry date').check();
  await board.getByLabel('Expiry date', { exact: true }).fill(inTwoYears);
  await upload(board, 'Board certificate', {
    name: 'board-certificate.png',
    mimeType: 'image/png',
    buffer: png,
  });
  await expectNoSeriousA11yViolations(page);

  // A reload mid-way comes back to the same step with the answers and uploaded documents: the proof
  // cookie keeps the clinician past the email step.
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'DEA and board certification' })).toBeVisible();
  await expect(stepCounter(page, 5)).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Send code' })).toHaveCount(0);
  await expect(dea.getByLabel('DEA number')).toHaveValue('AB1234563');
  await expect(dea.getByText('Uploaded: dea.pdf')).toBeVisible();
  await expect(board.getByLabel('Certifying board')).toHaveValue(
    'American Board of Psychiatry and Neurology',
  );
  await expect(board.getByText('Uploaded: board-certificate.png')).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await expectStep(page, 'State licenses', 4);
  await expect(license.getByLabel('License number')).toHaveValue('A123456');
  await expect(license.getByLabel('State', { exact: true })).toHaveValue('CA');
  await expect(license.getByText('Uploaded: ca-license.pdf')).toBeVisible();
  await continueTo(page, 'DEA and board certification', 5);
  await continueTo(page, 'Malpractice insurance', 6);
  await expectNoSeriousA11yViolations(page);

  // 6. Malpractice insurance
  await page.getByLabel('Insurance carrier').fill('MedPro');
  await page.getByLabel('Policy number').fill('MP-100');
  await page.getByLabel('Per-claim coverage (US dollars)').fill('1,000,000');
  await page.getByLabel('Aggregate coverage (US dollars)').fill('3,000,000');
  await page.getByLabel('Policy expiry date').fill(inTwoYears);
  await upload(page, 'Policy face sheet or certificate of insurance', asPdf('malpractice.pdf'));
  await continueTo(page, 'Work history and CV', 7);
  await expectNoSeriousA11yViolations(page);

  // 7. Work history (no gap over 6 months, so no explanation is asked) and CV
  const job1 = page.getByRole('group', { name: 'Job 1' });
  await job1.getByLabel('Employer').fill('Stanford Health Care');
  await job1.getByLabel('Role').fill('Psychiatry resident');
  await job1.getByLabel('Start month').fill('2015-07');
  await job1.getByLabel('End month').fill('2019-06');
  await page.getByRole('button', { name: 'Add another job' }).click();
  const job2 = page.getByRole('group', { name: 'Job 2' });
  await expect(job2.getByLabel('Employer')).toBeFocused();
  await job2.getByLabel('Employer').fill('UCSF Health');
  await job2.getByLabel('Role').fill('Attending psychiatrist');
  await job2.getByLabel('Start month').fill('2019-09');
  await job2.getByLabel('This is my current job').check();
  await expect(job2.getByLabel('End month')).toHaveCount(0);
  await expect(page.getByLabel(/Explain the gap/)).toHaveCount(0);
  await upload(page, 'CV', asPdf('cv.pdf'));
  await expectNoSeriousA11yViolations(page);
  await continueTo(page, 'Attestations and signature', 8);
  await expectNoSeriousA11yViolations(page);

  // 8. Attestations and signature, dated today
  await page.getByLabel(/I confirm that the information I have given/).check();
  await page.getByLabel(/to verify my licenses, NPI/).check();
  await page.getByLabel('Type your full legal name to sign').fill('Maria Lopez');
  await expect(page.getByText(/Date signed: .+ \(today\)/)).toBeVisible();
  await continueTo(page, 'Review and submit', 9);

  // 9. Review: every section, and the documents that will be sent
  await expect(page.getByRole('region', { name: 'Identity and contact' })).toContainText('Maria Lopez');
  await expect(page.getByRole('region', { name: 'Identity and contact' })).toContainText(email);
  await expect(page.getByRole('region', { name: 'Profession and NPI' })).toContainText('1234567893');
  await expect(page.getByRole('region', { name: 'DEA and board certification' })).toContainText('AB1234563');
  await expect(page.getByRole('region', { name: 'Malpractice insurance' })).toContainText(
    '$1,000,000 per claim',
  );
  await expect(page.getByRole('region', { name: 'Work history and CV' })).toContainText('UCSF Health');
  const documents = page.getByRole('region', { name: 'Documents' });
  for (const name of ['ca-license.pdf', 'dea.pdf', 'board-certificate.png', 'malpractice.pdf', 'cv.pdf']) {
    await expect(documents).toContainText(name);
  }
  await expect(page.getByRole('button', { name: /^Edit/ })).toHaveCount(7);
  await expectNoSeriousA11yViolations(page);

  // "Edit" goes to the step and comes back to the review.
  await page.getByRole('button', { name: 'Edit profession and NPI' }).click();
  await expectStep(page, 'Profession and NPI', 3);
  await page.getByRole('button', { name: 'Save and return to review' }).click();
  await expectStep(page, 'Review and submit', 9);

  const applied = page.waitForResponse(
    (response) => response.url().endsWith('/api/clinician/apply') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Submit application' }).click();
  expect((await applied).status()).toBe(201);
  // The application is filed under the proven email.
  expect((await applied).request().postDataJSON().email).toBe(email);

  await expect(page).toHaveURL(/\/clinicians\/apply\/submitted\?ref=/);
  await expect(page.getByRole('heading', { level: 1, name: 'Application received' })).toBeVisible();
  const reference = new URL(page.url()).searchParams.get('ref') ?? '';
  expect(reference).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)+$/);
  await expect(page.getByText(reference, { exact: true })).toBeVisible();
  await expect(page.getByText(/usually takes 2 to 6 weeks/)).toBeVisible();
  await expect(page).toHaveTitle(/Application received/);
  await expectNoSeriousA11yViolations(page);
  // The draft is gone from the browser once submitted.
  expect(await page.evaluate(() => window.localStorage.getItem('clinician-application-draft'))).toBeNull();
  // So is the proof of the email: the next person at this browser must prove their own.
  await expect.poll(async () => (await page.request.get('/api/clinician/email/session')).status()).toBe(401);

  await expect
    .poll(
      async () =>
        (await inboxFor(sesEndpoint(), email)).some(
          (message) => message.subject.includes(reference) || (message.body.text ?? '').includes(reference),
        ),
      { timeout: 10_000 },
    )
    .toBe(true);
});

test('"Start over" clears the application and forgets the proven email, so the next person proves their own', async ({
  page,
}) => {
  const email = `maria.${randomUUID()}@example.com`;
  await openApplication(page);
  await confirmEmail(page, email);
  await expectStep(page, 'Identity and contact', 2);
  await page.getByLabel('Legal first name').fill('Maria');
  expect((await page.request.get('/api/clinician/email/session')).status()).toBe(200);

  page.once('dialog', (dialog) => void dialog.accept());
  const forgotten = page.waitForResponse(
    (response) =>
      response.url().endsWith('/api/clinician/email/session') && response.request().method() === 'DELETE',
  );
  await page.getByRole('button', { name: 'Start over' }).click();
  expect((await forgotten).status()).toBe(204);
  await expectStep(page, 'Confirm your email', 1);
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Continue with this email' })).toHaveCount(0);
  expect((await page.request.get('/api/clinician/email/session')).status()).toBe(401);

  // After a reload too: a new application at the email step, nothing of the previous one kept.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Send code' })).toBeEnabled();
  await expect(stepCounter(page, 1)).toHaveCount(1);
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('');
  const stored = await page.evaluate(() => window.localStorage.getItem('clinician-application-draft'));
  expect(JSON.parse(stored ?? '{}').legalFirstName ?? '').toBe('');
});

test('documents are checked in the browser, and a failed upload can be retried on its own', async ({
  page,
}) => {
  const presigns: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/uploads/presign')) presigns.push(request.url());
  });
  await openApplication(page);
  await confirmEmail(page, `refused.${randomUUID()}@example.com`);
  await expectStep(page, 'Identity and contact', 2);
  await fillIdentity(page);
  await continueTo(page, 'Profession and NPI', 3);
  await fillProfession(page);
  await continueTo(page, 'State licenses', 4);
  const license = await fillLicense(page);
  const input = license.getByLabel('Copy of this license', { exact: true });

  // Over 10 MB: refused before anything is sent.
  await input.setInputFiles({
    name: 'huge-scan.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(11 * 1024 * 1024, 0x25),
  });
  await expect(license.getByText('Files must be 10 MB or smaller.')).toBeVisible();
  await expect(input).toHaveAttribute('aria-invalid', 'true');

  // Not a PDF, JPEG or PNG.
  await input.setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not a license'),
  });
  await expect(license.getByText('Upload a PDF, JPEG or PNG file.')).toBeVisible();
  await expect(license.getByText(/^Uploaded:/)).toHaveCount(0);
  expect(presigns).toHaveLength(0);
  await expectNoSeriousA11yViolations(page);

  // The first PUT to the bucket fails: "Upload failed" with Retry for this file only.
  let failedOnce = false;
  await page.route(
    (url) => url.pathname.includes('/drafts/'),
    async (route) => {
      if (!failedOnce && route.request().method() === 'PUT') {
        failedOnce = true;
        await route.abort('connectionreset');
        return;
      }
      await route.fallback();
    },
  );
  await input.setInputFiles(asPdf('ca-license.pdf'));
  await expect(license.getByRole('alert').filter({ hasText: 'Upload failed' })).toBeVisible();
  await expect(license.getByLabel('License number')).toHaveValue('A123456');
  await license.getByRole('button', { name: /^Retry/ }).click();
  await expect(license.getByText('Uploaded: ca-license.pdf')).toBeVisible();
  expect(presigns).toHaveLength(2);
  await continueTo(page, 'DEA and board certification', 5);
});

test('a failed submit is explained, and every retry reuses the same idempotency key', async ({ page }) => {
  // A complete draft saved earlier in this browser by the form as it was before the email step
  // (version 1: no email proof, the review was step 7), whose uploads never reached storage.
  const email = `lost.${randomUUID()}@example.com`;
  const draftId = randomUUID();
  const idempotencyKey = randomUUID();
  const ref = (purpose: string) => ({
    key: `drafts/${draftId}/${purpose}/${randomUUID()}.pdf`,
    purpose,
    fileName: `${purpose}.pdf`,
    contentType: 'application/pdf',
    size: pdf.length,
  });
  const draft = {
    version: 1,
    draftId,
    idempotencyKey,
    step: 7,
    legalFirstName: 'Maria',
    legalLastName: 'Lopez',
    email,
    phone: '(415) 555-0134',
    practiceAddress: {
      line1: '1 Market St',
      line2: '',
      city: 'San Francisco',
      state: 'CA',
      postalCode: '94105',
    },
    profession: 'LCSW',
    specialties: 'Family therapy',
    npi: '1234567893',
    licenses: [{ id: 'license-1', state: 'CA', number: 'LCS-1', expiresOn: inTwoYears }],
    hasDea: false,
    dea: { number: '', state: '', expiresOn: '' },
    hasBoardCertification: false,
    boardCertification: { board: '', certificate: '', expiresOn: '' },
    malpractice: {
      carrier: 'MedPro',
      policyNumber: 'MP-1',
      perClaimCoverageUsd: '1000000',
      aggregateCoverageUsd: '3000000',
      expiresOn: inTwoYears,
    },
    workHistory: [
      {
        id: 'job-1',
        employer: 'Bay Clinic',
        role: 'Therapist',
        startMonth: '2018-01',
        endMonth: '',
        current: true,
        gapBeforeExplanation: '',
      },
    ],
    currentGapExplanation: '',
    documents: { 'license:license-1': ref('license'), malpractice: ref('malpractice'), cv: ref('cv') },
    attestations: { truthful: true, consentToVerification: true },
    signatureName: 'Maria Lopez',
  };
  await page.goto('/clinicians/apply');
  // Once hydrated, the page has saved its own new draft; replace it.
  await expect(page.getByRole('button', { name: 'Send code' })).toBeEnabled();
  await page.evaluate(
    (value) => window.localStorage.setItem('clinician-application-draft', value),
    JSON.stringify(draft),
  );
  await page.reload();

  // Its email was never proven: the email step first, with the answers kept and the email filled in.
  await expect(page.getByRole('heading', { level: 2, name: 'Confirm your email' })).toBeVisible();
  await expect(
    page.getByText('To carry on with your application, confirm your email again. Your answers are kept.'),
  ).toBeVisible();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(email);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(codeSentTo(page, email)).toBeVisible();
  await page.getByLabel('6-digit code').fill(await latestCodeFor(sesEndpoint(), email));
  // Then back where the draft was.
  await expectStep(page, 'Review and submit', 9);
  await expect(page.getByRole('region', { name: 'Identity and contact' })).toContainText('Maria Lopez');

  // 1st: the network drops; 2nd: an application is already open for this email; then the real server.
  const keys: string[] = [];
  let attempt = 0;
  await page.route('**/api/clinician/apply', async (route) => {
    keys.push(route.request().postDataJSON().idempotencyKey);
    attempt += 1;
    if (attempt === 1) return route.abort('connectionreset');
    if (attempt === 2) {
      return route.fulfill({
        status: 409,
        json: {
          error: { code: 'conflict', message: 'An application for this email is already being reviewed.' },
        },
      });
    }

    return route.fallback();
  });

  const submit = page.getByRole('button', { name: 'Submit application' });
  // A double click sends one request.
  await submit.dblclick();
  const alert = page.getByRole('alert').filter({ hasText: /\w/ });
  await expect(alert).toHaveText(
    'We could not reach our service. Check your internet connection; your details are kept. Please try again.',
  );
  expect(keys).toHaveLength(1);

  await submit.click();
  await expect(alert).toHaveText('An application for this email is already being reviewed.');

  // The server checks every document in storage: none is there, so the form goes to the first one.
  await submit.click();
  await expectStepHeading(page, 'State licenses');
  const copy = page
    .getByRole('group', { name: 'License 1' })
    .getByLabel('Copy of this license', { exact: true });
  await expect(copy).toHaveAttribute('aria-invalid', 'true');
  await expect(copy).toBeFocused();
  await expect(page.getByText(/was not uploaded, or the upload did not finish/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  expect(keys).toEqual([idempotencyKey, idempotencyKey, idempotencyKey]);
});

test('a submit refused for its email (403, or 401 once the proof cookie is gone) goes back to the email step with every answer kept, and submits once the email is proven again', async ({
  page,
  context,
}) => {
  const email = `noor.${randomUUID()}@example.com`;
  await openApplication(page);
  await confirmEmail(page, email);
  await expectStep(page, 'Identity and contact', 2);

  // The rest of the application, with its documents really in storage (through the app's presign).
  const started = JSON.parse(
    (await page.evaluate(() => window.localStorage.getItem('clinician-application-draft'))) ?? '{}',
  );
  const uploaded = await page.evaluate(
    async ({ draftId, bytes }) => {
      const body = new Uint8Array(bytes);
      const refs: Record<string, unknown> = {};
      const slots: [string, string][] = [
        ['license:license-1', 'license'],
        ['malpractice', 'malpractice'],
        ['cv', 'cv'],
      ];
      for (const [slot, purpose] of slots) {
        const request = {
          draftId,
          purpose,
          fileName: `${purpose}.pdf`,
          contentType: 'application/pdf',
          size: body.length,
        };
        const presign = await fetch('/api/uploads/presign', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
        });
        const { key, url, headers } = await presign.json();
        const put = await fetch(url, { method: 'PUT', headers, body });
        if (!put.ok) throw new Error(`upload of ${purpose} answered ${put.status}`);
        const { draftId: _id, ...ref } = request;
        refs[slot] = { key, ...ref };
      }
      return refs;
    },
    { draftId: started.draftId as string, bytes: [...pdf] },
  );
  const draft = {
    ...started,
    step: 8,
    legalFirstName: 'Noor',
    legalLastName: 'Haddad',
    phone: '(415) 555-0188',
    practiceAddress: {
      line1: '2 Mission St',
      line2: '',
      city: 'San Francisco',
      state: 'CA',
      postalCode: '94105',
    },
    profession: 'LCSW',
    specialties: 'Family therapy',
    npi: '1234567893',
    licenses: [{ id: 'license-1', state: 'CA', number: 'LCS-2', expiresOn: inTwoYears }],
    malpractice: {
      carrier: 'MedPro',
      policyNumber: 'MP-2',
      perClaimCoverageUsd: '1000000',
      aggregateCoverageUsd: '3000000',
      expiresOn: inTwoYears,
    },
    workHistory: [
      {
        id: 'job-1',
        employer: 'Mission Clinic',
        role: 'Therapist',
        startMonth: '2018-01',
        endMonth: '',
        current: true,
        gapBeforeExplanation: '',
      },
    ],
    documents: uploaded,
    attestations: { truthful: true, consentToVerification: true },
    signatureName: 'Noor Haddad',
  };
  await page.evaluate(
    (value) => window.localStorage.setItem('clinician-application-draft', value),
    JSON.stringify(draft),
  );
  // Coming back to the form (a reload would keep the step in the URL: identity) opens the saved draft's step.
  await page.goto('/clinicians/apply');
  await expectStepHeading(page, 'Review and submit');

  // A proof for another email (say, proven in another tab) is refused with 403: back to the email step.
  await page.route('**/api/clinician/apply', (route) =>
    route.fulfill({
      status: 403,
      json: { error: { code: 'forbidden', message: 'This application uses a different email.' } },
    }),
  );
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expectStepHeading(page, 'Confirm your email');
  const different = page.getByText(
    /This browser confirmed a different email from the one on your application/,
  );
  await expect(different).toBeFocused();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(email);
  await page.unroute('**/api/clinician/apply');
  // A reload asks the server again: this browser's proof is for this email, so back to the review.
  await page.reload();
  await expectStepHeading(page, 'Review and submit');

  // The proof cookie is gone (cleared, or its 12 hours are up): the server refuses the submit.
  await context.clearCookies();
  const refused = page.waitForResponse((response) => response.url().endsWith('/api/clinician/apply'));
  await page.getByRole('button', { name: 'Submit application' }).click();
  expect((await refused).status()).toBe(401);

  await expectStepHeading(page, 'Confirm your email');
  await expect(stepCounter(page, 1)).toHaveCount(1);
  const notice = page.getByText(/we need to confirm your email again/);
  await expect(notice).toBeVisible();
  await expect(notice).toBeFocused();
  await expect(notice).toContainText('Your answers are kept');
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(email);
  await expectNoSeriousA11yViolations(page);
  const kept = JSON.parse(
    (await page.evaluate(() => window.localStorage.getItem('clinician-application-draft'))) ?? '{}',
  );
  expect(kept).toMatchObject({ legalFirstName: 'Noor', npi: '1234567893', step: 8, email });
  expect(Object.keys(kept.documents)).toHaveLength(3);

  // A new code (this browser has a new binding cookie too), then back to the review to submit.
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(codeSentTo(page, email)).toBeVisible();
  await page.getByLabel('6-digit code').fill(await latestCodeFor(sesEndpoint(), email));
  await expectStep(page, 'Review and submit', 9);
  await expect(page.getByRole('region', { name: 'Identity and contact' })).toContainText('Noor Haddad');
  await expect(page.getByRole('region', { name: 'Documents' })).toContainText('malpractice.pdf');

  const applied = page.waitForResponse((response) => response.url().endsWith('/api/clinician/apply'));
  await page.getByRole('button', { name: 'Submit application' }).click();
  expect((await applied).status()).toBe(201);
  await expect(page.getByRole('heading', { level: 1, name: 'Application received' })).toBeVisible();
});

test('when the service cannot say whether the email is proven, "Check again" goes on where the application was', async ({
  page,
}) => {
  const email = `rosa.${randomUUID()}@example.com`;
  await openApplication(page);
  await confirmEmail(page, email);
  await expectStep(page, 'Identity and contact', 2);

  // Back later, while the service is busy: the page cannot know the proof, so it says so.
  await page.route('**/api/clinician/email/session', (route) =>
    route.request().method() === 'GET'
      ? route.fulfill({
          status: 503,
          headers: { 'retry-after': '5' },
          json: {
            error: { code: 'service_unavailable', message: 'We could not complete this request in time.' },
          },
        })
      : route.fallback(),
  );
  await page.reload();
  const checkAgain = page.getByRole('button', { name: 'Check again' });
  await expect(checkAgain).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Once it answers, the application goes on at its step, with the notice gone.
  await page.unroute('**/api/clinician/email/session');
  await checkAgain.click();
  await expectStep(page, 'Identity and contact', 2);
  await expect(checkAgain).toHaveCount(0);
});

test('the email step explains a busy service and the wait between codes, and a code already sent still works', async ({
  page,
}) => {
  const email = `ines.${randomUUID()}@example.com`;
  await openApplication(page);

  // The service is busy once: say so, and when to try again; the address stays in the field.
  let busy = true;
  await page.route('**/api/clinician/email/code', async (route) => {
    if (!busy) return route.fallback();
    busy = false;
    return route.fulfill({
      status: 503,
      headers: { 'retry-after': '5' },
      json: { error: { code: 'service_unavailable', message: 'We could not send the email just now.' } },
    });
  });
  const emailField = page.getByLabel('Email', { exact: true });
  await emailField.fill(email);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'We could not reach our service. Your details are kept; try again in 5 seconds.' }),
  ).toBeVisible();
  await expect(emailField).toHaveValue(email);

  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(codeSentTo(page, email)).toBeVisible();

  // "Use a different email" keeps the address to edit; asking again at once meets the server's wait.
  await page.getByRole('button', { name: 'Use a different email' }).click();
  await expectStepHeading(page, 'Confirm your email');
  await expect(emailField).toHaveValue(email);
  await expect(emailField).toBeFocused();
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(
    page.getByRole('alert').filter({
      hasText: /^We sent a code to this address a moment ago\. You can ask for another in \d+ seconds\.$/,
    }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The code already sent still works.
  await page.getByRole('button', { name: 'I already have a code' }).click();
  await expect(codeSentTo(page, email)).toBeVisible();
  await expect(page.getByText(/You can ask for a new code in 0:\d\d/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send a new code' })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  // A reload on the code entry stays there (the binding cookie keeps the code valid for this browser).
  await page.reload();
  await expect(codeSentTo(page, email)).toBeVisible();
  const code = await latestCodeFor(sesEndpoint(), email);
  const codeField = page.getByLabel('6-digit code');
  await codeField.fill(code === '000000' ? '111111' : '000000');
  await expect(page.getByRole('alert').filter({ hasText: /not valid or has expired/ })).toBeVisible();
  await expect(codeField).toHaveValue('');
  await expect(codeField).toBeFocused();
  await codeField.fill(code);
  await expectStep(page, 'Identity and contact', 2);
  await expect(page.getByText(email, { exact: true })).toBeVisible();
});

/** A tap on the phone, a mouse click on the desktop: one press and one release, where the pointer is. */
async function press(target: Locator, testInfo: TestInfo) {
  if (testInfo.project.name === 'phone') await target.tap();
  else await target.click();
}

/** Proves a new email and fills identity: the form at "Profession and NPI". */
async function startAtProfession(page: Page, name: string) {
  await openApplication(page);
  await confirmEmail(page, `${name}.${randomUUID()}@example.com`);
  await expectStep(page, 'Identity and contact', 2);
  await fillIdentity(page);
  await continueTo(page, 'Profession and NPI', 3);
}

test('@phone the first press on Continue counts even when the field just typed in is invalid', async ({
  page,
}, testInfo) => {
  await startAtProfession(page, 'lostclick');
  const summary = page.getByRole('alert').filter({ hasText: 'Please check these details' });
  const continueButton = page.getByRole('button', { name: 'Continue' });

  // An NPI of 10 digits that fails its check digit, typed last; Continue pressed straight away.
  await page.getByLabel('Profession', { exact: true }).selectOption({ label: 'Physician (MD)' });
  await page.getByLabel('Specialties').fill('Psychiatry');
  const npi = page.getByLabel('NPI (National Provider Identifier)');
  await npi.fill('1234567890');
  // Leaving the field shows nothing yet: nothing below it moves under the pointer.
  const before = await continueButton.boundingBox();
  await npi.blur();
  expect(await continueButton.boundingBox()).toEqual(before);
  await npi.focus();
  await press(continueButton, testInfo);
  await expect(summary).toBeVisible();
  await expect(summary).toContainText("The check digit doesn't match; check for a typo.");
  await expect(npi).toBeFocused();
  await expect(npi).toHaveAttribute('aria-invalid', 'true');
  // The message goes as the number is corrected.
  await npi.fill('1234567893');
  await expect(page.getByText("The check digit doesn't match; check for a typo.")).toHaveCount(0);
  await press(continueButton, testInfo);
  await expectStep(page, 'State licenses', 4);

  // An expired license date, typed last.
  const license = page.getByRole('group', { name: 'License 1' });
  await license.getByLabel('State', { exact: true }).selectOption({ label: 'California' });
  await license.getByLabel('License number').fill('A123456');
  await license.getByLabel('Expiry date').fill('2020-01-31');
  await press(continueButton, testInfo);
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('This license has expired.');
  await expectNoSeriousA11yViolations(page);
});

test('@phone back and forward move between steps, a reload keeps the step, and steps not reached cannot be jumped to', async ({
  page,
}, testInfo) => {
  await openApplication(page);
  // "Have these ready" is for the first step only.
  await expect(page.getByRole('heading', { name: 'Have these ready' })).toBeVisible();
  await confirmEmail(page, `wizard.${randomUUID()}@example.com`);
  await expectStep(page, 'Identity and contact', 2);
  await expect(page.getByRole('heading', { name: 'Have these ready' })).toHaveCount(0);
  await fillIdentity(page);
  await continueTo(page, 'Profession and NPI', 3);
  await fillProfession(page);
  await continueTo(page, 'State licenses', 4);
  await expectNoSeriousA11yViolations(page);

  // The browser's back (Android's back gesture) goes to the previous step, not away from the form.
  await page.goBack();
  await expectStepHeading(page, 'Profession and NPI');
  await expect(page).toHaveURL(/step=profession/);
  await expect(page.getByLabel('NPI (National Provider Identifier)')).toHaveValue('1234567893');
  await page.goBack();
  await expectStepHeading(page, 'Identity and contact');
  await expect(page.getByLabel('Legal first name')).toHaveValue('Maria');
  await page.goForward();
  await expectStepHeading(page, 'Profession and NPI');

  // A reload stays on the step.
  await page.reload();
  await expectStepHeading(page, 'Profession and NPI');
  await expect(page).toHaveURL(/step=profession/);

  // A step not reached yet cannot be opened by its URL: the form shows the furthest step reached.
  await page.goto('/clinicians/apply?step=review');
  await expectStepHeading(page, 'State licenses');
  await expect(page).toHaveURL(/step=licenses/);

  // Steps already reached are links in the progress indicator; on a phone it folds into one line.
  const progress = page.getByRole('navigation', { name: 'Application steps' });
  if (testInfo.project.name === 'phone') {
    const line = progress.getByText('Step 4 of 9: State licenses');
    await expect(line).toBeVisible();
    await press(line, testInfo);
  }
  await expect(progress.getByRole('link', { name: /Malpractice/ })).toHaveCount(0);
  const identityLink = progress.getByRole('link', { name: /Identity and contact/ }).filter({ visible: true });
  const box = await identityLink.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  await press(identityLink, testInfo);
  await expectStep(page, 'Identity and contact', 2);
  await page.goBack();
  await expectStepHeading(page, 'State licenses');
  await expectNoSeriousA11yViolations(page);
});

test('@phone two DEA registrations and a lifetime board certification are reviewed and submitted; a document the server refused shows no ✓', async ({
  page,
}, testInfo) => {
  // The whole journey, every step and upload: on a busy machine it outlasts the default minute.
  test.slow();
  const email = `dea.${randomUUID()}@example.com`;
  await openApplication(page);
  await confirmEmail(page, email);
  await expectStep(page, 'Identity and contact', 2);
  await page.getByLabel('Legal first name').fill(' wei ');
  await page.getByLabel('Legal last name').fill('chen ,');
  await page.getByLabel('Mobile phone').fill('(415) 555-0134');
  await page.getByLabel('Street address').fill('1 Market St');
  await page.getByLabel('City').fill('San Francisco');
  await page.getByLabel('State', { exact: true }).selectOption({ label: 'California' });
  await page.getByLabel('ZIP code').fill('94105');
  await continueTo(page, 'Profession and NPI', 3);
  await fillProfession(page);
  await continueTo(page, 'State licenses', 4);
  const license = await fillLicense(page);
  await upload(license, 'Copy of this license', asPdf('ca-license.pdf'));
  // A replacement refused in the browser (over 10 MB) keeps the earlier file, without a ✓.
  await license.getByRole('button', { name: /^Replace/ }).click();
  await license.getByLabel('Copy of this license', { exact: true }).setInputFiles({
    name: 'huge-scan.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(11 * 1024 * 1024, 0x25),
  });
  await expect(license.getByText('Files must be 10 MB or smaller.')).toBeVisible();
  await expect(license.getByText(/^Uploaded:/)).toHaveCount(0);
  await expect(license.getByText('Still attached: ca-license.pdf (1 KB)')).toBeVisible();
  // The file control is a button-like label, at least 44 px high, not "Choose File / No file chosen".
  const chooser = license.getByText('Choose another file');
  expect((await chooser.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
  await license.getByLabel('Copy of this license', { exact: true }).setInputFiles(asPdf('ca-license.pdf'));
  await expect(license.getByText('Uploaded: ca-license.pdf (1 KB)')).toBeVisible();
  for (const name of [/^Replace/, /^Remove/]) {
    expect((await license.getByRole('button', { name }).boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(
      44,
    );
  }
  await continueTo(page, 'DEA and board certification', 5);

  // DEA registration is per state: two, each with its certificate.
  await page.getByLabel('I have a DEA registration').check();
  const dea1 = page.getByRole('group', { name: 'DEA registration 1', exact: true });
  await dea1.getByLabel('State of registration').selectOption({ label: 'California' });
  await dea1.getByLabel('DEA number').fill('AB1234563');
  await dea1.getByLabel('Expiry date').fill(inTwoYears);
  await upload(dea1, 'DEA registration certificate', asPdf('dea-ca.pdf'));
  await page.getByRole('button', { name: 'Add a registration in another state' }).click();
  const dea2 = page.getByRole('group', { name: 'DEA registration 2', exact: true });
  await expect(dea2.getByLabel('State of registration')).toBeFocused();
  await dea2.getByLabel('State of registration').selectOption({ label: 'New York' });
  await dea2.getByLabel('DEA number').fill('fb1234563');
  await dea2.getByLabel('Expiry date').fill(inTwoYears);
  // Continue without the second certificate: it is asked for by name.
  await press(page.getByRole('button', { name: 'Continue' }), testInfo);
  await expect(page.getByRole('alert').filter({ hasText: 'Please check these details' })).toContainText(
    'Upload the certificate of your NY DEA registration.',
  );
  await upload(dea2, 'DEA registration certificate', asPdf('dea-ny.pdf'));

  // Board certification for life: no expiry date asked.
  await page.getByLabel('I am board certified').check();
  const board = page.getByRole('group', { name: 'Board certification', exact: true });
  await board.getByLabel('Certifying board').fill('American Board of Psychiatry and Neurology');
  await board.getByLabel('Certificate or specialty').fill('Psychiatry');
  await board.getByLabel('Time-limited: it has an expiry date').check();
  await expect(board.getByLabel('Expiry date', { exact: true })).toBeVisible();
  await board.getByLabel('Lifetime: it never expires').check();
  await expect(board.getByLabel('Expiry date', { exact: true })).toHaveCount(0);
  await upload(board, 'Board certificate', { name: 'board.png', mimeType: 'image/png', buffer: png });
  await expectNoSeriousA11yViolations(page);
  await continueTo(page, 'Malpractice insurance', 6);

  await page.getByLabel('Insurance carrier').fill('MedPro');
  await page.getByLabel('Policy number').fill('MP-100');
  await page.getByLabel('Per-claim coverage (US dollars)').fill('1,000,000');
  await page.getByLabel('Aggregate coverage (US dollars)').fill('3,000,000');
  await page.getByLabel('Policy expiry date').fill(inTwoYears);
  await upload(page, 'Policy face sheet or certificate of insurance', asPdf('malpractice.pdf'));
  await continueTo(page, 'Work history and CV', 7);

  const job = page.getByRole('group', { name: 'Job 1' });
  await job.getByLabel('Employer').fill('UCSF Health');
  await job.getByLabel('Role').fill('Attending psychiatrist');
  const startMonth = job.getByLabel('Start month');
  // The month field shows what its hint says: YYYY-MM.
  await expect(startMonth).toHaveAttribute('type', 'text');
  await startMonth.fill('2019-09');
  await expect(startMonth).toHaveValue('2019-09');
  await job.getByLabel('This is my current job').check();
  // Not a PDF at all, though named and typed as one: the browser takes it, the server will not.
  await upload(page, 'CV', {
    name: 'cv.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('MZ not a pdf'),
  });
  await continueTo(page, 'Attestations and signature', 8);

  await page.getByLabel(/I confirm that the information I have given/).check();
  await page.getByLabel(/to verify my licenses, NPI/).check();
  const signature = page.getByLabel('Type your full legal name to sign');
  await signature.fill('Wei Chan');
  await press(page.getByRole('button', { name: 'Continue' }), testInfo);
  await expect(page.getByRole('alert').filter({ hasText: 'Please check these details' })).toContainText(
    'Type your legal name as you gave it: Wei Chen.',
  );
  await signature.fill('wei chen');
  await continueTo(page, 'Review and submit', 9);

  // The review: names tidied, both registrations, the lifetime certification.
  await expect(page.getByRole('region', { name: 'Identity and contact' })).toContainText('Wei Chen');
  const deaBoard = page.getByRole('region', { name: 'DEA and board certification' });
  await expect(deaBoard).toContainText('California: AB1234563');
  await expect(deaBoard).toContainText('New York: FB1234563');
  await expect(deaBoard).toContainText('Psychiatry, lifetime, no expiry date');
  await expect(page.getByRole('region', { name: 'Attestations and signature' })).toContainText('Wei Chen,');
  const documents = page.getByRole('region', { name: 'Documents' });
  await expect(documents).toContainText('DEA registration certificate (California)');
  await expect(documents).toContainText('DEA registration certificate (New York)');
  await expectNoSeriousA11yViolations(page);

  // The server reads the CV's bytes and refuses it: back at its step, named, and no ✓ beside it.
  await press(page.getByRole('button', { name: 'Submit application' }), testInfo);
  await expectStepHeading(page, 'Work history and CV');
  const cvSlot = page.getByText('CV', { exact: true }).locator('..');
  await expect(cvSlot.getByText(/is not a PDF, JPEG or PNG file/)).toBeVisible();
  await expect(cvSlot.getByText(/^Uploaded:/)).toHaveCount(0);
  await expect(cvSlot.getByText('Not accepted: cv.pdf (1 KB)')).toBeVisible();
  await expect(page.getByLabel('CV', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('CV', { exact: true }).setInputFiles(asPdf('cv.pdf'));
  await expect(cvSlot.getByText('Uploaded: cv.pdf (1 KB)')).toBeVisible();
  await continueTo(page, 'Attestations and signature', 8);
  await continueTo(page, 'Review and submit', 9);

  const applied = page.waitForResponse(
    (response) => response.url().endsWith('/api/clinician/apply') && response.request().method() === 'POST',
  );
  await press(page.getByRole('button', { name: 'Submit application' }), testInfo);
  const response = await applied;
  expect(response.status()).toBe(201);
  const sent = response.request().postDataJSON();
  expect(sent.deaRegistrations).toEqual([
    { state: 'CA', number: 'AB1234563', expiresOn: inTwoYears },
    { state: 'NY', number: 'fb1234563', expiresOn: inTwoYears },
  ]);
  expect(sent.boardCertification).toEqual({
    board: 'American Board of Psychiatry and Neurology',
    certificate: 'Psychiatry',
    kind: 'lifetime',
  });
  expect(
    sent.documents
      .filter((d: { purpose: string }) => d.purpose === 'dea')
      .map((d: { deaIndex: number }) => d.deaIndex),
  ).toEqual([0, 1]);
  await expect(page.getByRole('heading', { level: 1, name: 'Application received' })).toBeVisible();
});

async function expectStepHeading(page: Page, title: string) {
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
}
