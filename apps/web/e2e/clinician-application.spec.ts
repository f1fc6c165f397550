import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { inboxFor } from '../src/test/inbox';
import { expectNoSeriousA11yViolations, sesEndpoint } from './support';

const pdf = readFileSync(fileURLToPath(new URL('./fixtures/sample-document.pdf', import.meta.url)));
const png = readFileSync(fileURLToPath(new URL('./fixtures/sample-certificate.png', import.meta.url)));

const inTwoYears = `${new Date().getUTCFullYear() + 2}-06-30`;

function asPdf(name: string) {
  return { name, mimeType: 'application/pdf', buffer: pdf };
}

async function expectStep(page: Page, title: string, position: number) {
  const heading = page.getByRole('heading', { level: 2, name: title });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(page.getByText(`Step ${position} of 8`)).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Application steps' }).locator('[aria-current="step"]'),
  ).toHaveText(new RegExp(title));
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
  await expect(page).toHaveURL(/\/clinicians\/apply$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Apply to join our clinical network' }),
  ).toBeVisible();
  // Hydrated (the draft is restored or created): typing before that would be replaced.
  await expect(page.getByRole('button', { name: 'Continue' })).toBeEnabled();
}

async function fillIdentity(page: Page, email: string) {
  await page.getByLabel('Legal first name').fill('Maria');
  await page.getByLabel('Legal last name').fill('Lopez');
  await page.getByLabel('Email').fill(email);
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

async function fillLicence(page: Page) {
  const licence = page.getByRole('group', { name: 'Licence 1' });
  await licence.getByLabel('State', { exact: true }).selectOption({ label: 'California' });
  await licence.getByLabel('Licence number').fill('A123456');
  await licence.getByLabel('Expiry date').fill(inTwoYears);
  return licence;
}

test('a clinician applies with their documents, resumes after a reload, and gets a reference by email', async ({
  page,
}) => {
  const email = `maria.${randomUUID()}@example.com`;
  await openApplication(page);
  await expect(page.getByText('Step 1 of 8')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Continue checks the step with the shared contract before moving on.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Please check these details' })).toBeVisible();
  await expect(page.getByLabel('Legal first name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Legal first name')).toBeFocused();
  await expectNoSeriousA11yViolations(page);

  // 1. Identity and contact
  await fillIdentity(page, email);
  await continueTo(page, 'Profession and NPI', 2);
  await expectNoSeriousA11yViolations(page);

  // 2. Profession and NPI
  await fillProfession(page);
  await continueTo(page, 'State licences', 3);
  await expectNoSeriousA11yViolations(page);

  // 3. Licences, each with its copy
  const licence = await fillLicence(page);
  await upload(licence, 'Copy of this licence', asPdf('ca-licence.pdf'));
  await expectNoSeriousA11yViolations(page);
  await continueTo(page, 'DEA and board certification', 4);
  await expectNoSeriousA11yViolations(page);

  // 4. DEA and board certification (both apply to an MD)
  await page.getByLabel('I have a DEA registration').check();
  const dea = page.getByRole('group', { name: 'DEA registration', exact: true });
  await dea.getByLabel('DEA number').fill('AB1234563');
  await dea.getByLabel('State of registration').selectOption({ label: 'California' });
  await dea.getByLabel('Expiry date').fill(inTwoYears);
  await upload(dea, 'DEA registration certificate', asPdf('dea.pdf'));
  await page.getByLabel('I am board certified').check();
  const board = page.getByRole('group', { name: 'Board certification', exact: true });
  await board.getByLabel('Certifying board').fill('American Board of Psychiatry and Neurology');
  await board.getByLabel('Certificate or specialty').fill('Psychiatry');
  await board.getByLabel('Expiry date').fill(inTwoYears);
  await upload(board, 'Board certificate', {
    name: 'board-certificate.png',
    mimeType: 'image/png',
    buffer: png,
  });
  await expectNoSeriousA11yViolations(page);

  // A reload mid-way comes back to the same step with the answers and uploaded documents.
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'DEA and board certification' })).toBeVisible();
  await expect(page.getByText('Step 4 of 8')).toBeVisible();
  await expect(dea.getByLabel('DEA number')).toHaveValue('AB1234563');
  await expect(dea.getByText('Uploaded: dea.pdf')).toBeVisible();
  await expect(board.getByLabel('Certifying board')).toHaveValue(
    'American Board of Psychiatry and Neurology',
  );
  await expect(board.getByText('Uploaded: board-certificate.png')).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await expectStep(page, 'State licences', 3);
  await expect(licence.getByLabel('Licence number')).toHaveValue('A123456');
  await expect(licence.getByLabel('State', { exact: true })).toHaveValue('CA');
  await expect(licence.getByText('Uploaded: ca-licence.pdf')).toBeVisible();
  await continueTo(page, 'DEA and board certification', 4);
  await continueTo(page, 'Malpractice insurance', 5);
  await expectNoSeriousA11yViolations(page);

  // 5. Malpractice insurance
  await page.getByLabel('Insurance carrier').fill('MedPro');
  await page.getByLabel('Policy number').fill('MP-100');
  await page.getByLabel('Per-claim coverage (US dollars)').fill('1,000,000');
  await page.getByLabel('Aggregate coverage (US dollars)').fill('3,000,000');
  await page.getByLabel('Policy expiry date').fill(inTwoYears);
  await upload(page, 'Policy face sheet or certificate of insurance', asPdf('malpractice.pdf'));
  await continueTo(page, 'Work history and CV', 6);
  await expectNoSeriousA11yViolations(page);

  // 6. Work history (no gap over 6 months, so no explanation is asked) and CV
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
  await continueTo(page, 'Attestations and signature', 7);
  await expectNoSeriousA11yViolations(page);

  // 7. Attestations and signature, dated today
  await page.getByLabel(/I confirm that the information I have given/).check();
  await page.getByLabel(/to verify my licences, NPI/).check();
  await page.getByLabel('Type your full legal name to sign').fill('Maria Lopez');
  await expect(page.getByText(/Date signed: .+ \(today\)/)).toBeVisible();
  await continueTo(page, 'Review and submit', 8);

  // 8. Review: every section, and the documents that will be sent
  await expect(page.getByRole('region', { name: 'Identity and contact' })).toContainText('Maria Lopez');
  await expect(page.getByRole('region', { name: 'Profession and NPI' })).toContainText('1234567893');
  await expect(page.getByRole('region', { name: 'DEA and board certification' })).toContainText('AB1234563');
  await expect(page.getByRole('region', { name: 'Malpractice insurance' })).toContainText(
    '$1,000,000 per claim',
  );
  await expect(page.getByRole('region', { name: 'Work history and CV' })).toContainText('UCSF Health');
  const documents = page.getByRole('region', { name: 'Documents' });
  for (const name of ['ca-licence.pdf', 'dea.pdf', 'board-certificate.png', 'malpractice.pdf', 'cv.pdf']) {
    await expect(documents).toContainText(name);
  }
  await expect(page.getByRole('button', { name: /^Edit/ })).toHaveCount(7);
  await expectNoSeriousA11yViolations(page);

  // "Edit" goes to the step and comes back to the review.
  await page.getByRole('button', { name: 'Edit profession and NPI' }).click();
  await expectStep(page, 'Profession and NPI', 2);
  await page.getByRole('button', { name: 'Save and return to review' }).click();
  await expectStep(page, 'Review and submit', 8);

  const applied = page.waitForResponse(
    (response) => response.url().endsWith('/api/clinician/apply') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Submit application' }).click();
  expect((await applied).status()).toBe(201);

  await expect(page).toHaveURL(/\/clinicians\/apply\/submitted\?ref=/);
  await expect(page.getByRole('heading', { level: 1, name: 'Application received' })).toBeVisible();
  const reference = new URL(page.url()).searchParams.get('ref') ?? '';
  expect(reference).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)+$/);
  await expect(page.getByText(reference, { exact: true })).toBeVisible();
  await expect(page.getByText(/usually takes up to 5 business days/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  // The draft is gone from the browser once submitted.
  expect(await page.evaluate(() => window.localStorage.getItem('clinician-application-draft'))).toBeNull();

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

test('documents are checked in the browser, and a failed upload can be retried on its own', async ({
  page,
}) => {
  const presigns: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/uploads/presign')) presigns.push(request.url());
  });
  await openApplication(page);
  await fillIdentity(page, `refused.${randomUUID()}@example.com`);
  await continueTo(page, 'Profession and NPI', 2);
  await fillProfession(page);
  await continueTo(page, 'State licences', 3);
  const licence = await fillLicence(page);
  const input = licence.getByLabel('Copy of this licence', { exact: true });

  // Over 10 MB: refused before anything is sent.
  await input.setInputFiles({
    name: 'huge-scan.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(11 * 1024 * 1024, 0x25),
  });
  await expect(licence.getByText('Files must be 10 MB or smaller.')).toBeVisible();
  await expect(input).toHaveAttribute('aria-invalid', 'true');

  // Not a PDF, JPEG or PNG.
  await input.setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not a licence'),
  });
  await expect(licence.getByText('Upload a PDF, JPEG or PNG file.')).toBeVisible();
  await expect(licence.getByText(/^Uploaded:/)).toHaveCount(0);
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
  await input.setInputFiles(asPdf('ca-licence.pdf'));
  await expect(licence.getByRole('alert').filter({ hasText: 'Upload failed' })).toBeVisible();
  await expect(licence.getByLabel('Licence number')).toHaveValue('A123456');
  await licence.getByRole('button', { name: /^Retry/ }).click();
  await expect(licence.getByText('Uploaded: ca-licence.pdf')).toBeVisible();
  expect(presigns).toHaveLength(2);
  await continueTo(page, 'DEA and board certification', 4);
});

test('a failed submit is explained, and every retry reuses the same idempotency key', async ({ page }) => {
  // A complete draft saved earlier in this browser, whose uploads never reached storage.
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
    email: `lost.${randomUUID()}@example.com`,
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
    licences: [{ id: 'licence-1', state: 'CA', number: 'LCS-1', expiresOn: inTwoYears }],
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
    documents: { 'licence:licence-1': ref('licence'), malpractice: ref('malpractice'), cv: ref('cv') },
    attestations: { truthful: true, consentToVerification: true },
    signatureName: 'Maria Lopez',
  };
  await page.goto('/clinicians/apply');
  // Once hydrated, the page has saved its own new draft; replace it.
  await expect(page.getByRole('button', { name: 'Continue' })).toBeEnabled();
  await page.evaluate(
    (value) => window.localStorage.setItem('clinician-application-draft', value),
    JSON.stringify(draft),
  );
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Review and submit' })).toBeVisible();

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
    'Something went wrong on our side; your application was not lost. Try again.',
  );
  expect(keys).toHaveLength(1);

  await submit.click();
  await expect(alert).toHaveText('An application for this email is already being reviewed.');

  // The server checks every document in storage: none is there, so the form goes to the first one.
  await submit.click();
  await expectStepHeading(page, 'State licences');
  const copy = page
    .getByRole('group', { name: 'Licence 1' })
    .getByLabel('Copy of this licence', { exact: true });
  await expect(copy).toHaveAttribute('aria-invalid', 'true');
  await expect(copy).toBeFocused();
  await expect(page.getByText(/was not uploaded, or the upload did not finish/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  expect(keys).toEqual([idempotencyKey, idempotencyKey, idempotencyKey]);
});

async function expectStepHeading(page: Page, title: string) {
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
}
