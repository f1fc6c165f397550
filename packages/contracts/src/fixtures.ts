/**
 * Test data builders, one module for every package's tests (`@telehealth/contracts/fixtures`; never
 * imported by app code). Dates are relative to the day the test runs, so nothing expires in the tests.
 */
import type { ClinicianApplicationInput, DocumentPurpose, DocumentRef } from './clinician/application';
import { currentVersions } from './legal-documents';
import type { ProvisionalPatientInput } from './patient';

/** YYYY-MM-DD, `days` from `from` (UTC). */
export function isoDateInDays(days: number, from: Date = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** YYYY-MM, `months` before `from` (UTC). */
export function isoMonthAgo(months: number, from: Date = new Date()): string {
  const date = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() - months, 1));
  return date.toISOString().slice(0, 7);
}

/** A random address on the reserved example.com domain, so tests never share an inbox. */
export function uniqueEmail(name = 'person'): string {
  return `${name}.${crypto.randomUUID()}@example.com`;
}

/** A patient signup as the landing page sends it. */
export function signupInput(overrides: Partial<ProvisionalPatientInput> = {}): ProvisionalPatientInput {
  return {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: uniqueEmail('ada'),
    phone: '(415) 555-0134',
    dateOfBirth: '1990-12-10',
    state: 'CA',
    consent: { telehealth: true, privacy: true, versions: currentVersions() },
    ...overrides,
  };
}

/**
 * A document reference in the draft's prefix, as the browser sends it after an upload. `index` names
 * the license (`licenseIndex`) or DEA registration (`deaIndex`) it belongs to.
 */
export function documentRef(
  draftId: string,
  purpose: DocumentPurpose,
  index?: number,
  overrides: Partial<DocumentRef> = {},
): DocumentRef {
  return {
    key: `drafts/${draftId}/${purpose}/${crypto.randomUUID()}.pdf`,
    purpose,
    fileName: `${purpose}.pdf`,
    contentType: 'application/pdf',
    size: 120_000,
    ...(index === undefined ? {} : purpose === 'dea' ? { deaIndex: index } : { licenseIndex: index }),
    ...overrides,
  };
}

/**
 * A complete clinician application (a licensed clinical social worker: no DEA or board sections),
 * valid on `today`. Pass `documents` from real uploads in integration tests.
 */
export function clinicianApplicationInput(
  overrides: Partial<ClinicianApplicationInput> = {},
  today: Date = new Date(),
): ClinicianApplicationInput {
  const draftId = overrides.draftId ?? crypto.randomUUID();
  return {
    draftId,
    idempotencyKey: crypto.randomUUID(),
    legalFirstName: 'Maria',
    legalLastName: 'Lopez',
    email: uniqueEmail('maria'),
    phone: '(415) 555-0134',
    practiceAddress: { line1: '1 Market St', city: 'San Francisco', state: 'CA', postalCode: '94105' },
    profession: 'LCSW',
    specialties: ['Anxiety', 'Depression'],
    npi: '1234567893',
    licenses: [{ state: 'CA', number: 'LCS12345', expiresOn: isoDateInDays(400, today) }],
    malpractice: {
      carrier: 'MedPro',
      policyNumber: 'MP-100',
      perClaimCoverageUsd: 1_000_000,
      aggregateCoverageUsd: 3_000_000,
      expiresOn: isoDateInDays(300, today),
    },
    workHistory: [{ employer: 'Bay Clinic', role: 'Therapist', startMonth: isoMonthAgo(60, today) }],
    documents: [
      documentRef(draftId, 'license', 0),
      documentRef(draftId, 'cv'),
      documentRef(draftId, 'malpractice'),
    ],
    attestations: { truthful: true, consentToVerification: true },
    signature: { typedName: 'Maria Lopez', signedOn: isoDateInDays(0, today) },
    ...overrides,
  };
}
