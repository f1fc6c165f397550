/**
 * The documents a patient accepts at signup, each with a version. No zod: the landing page imports
 * this (through `@telehealth/contracts/client`) to link each document and to send the versions the
 * person saw; the server refuses a signup that names another version than the current one, and the
 * patient record stores which version of each was accepted and when.
 *
 * To change a document: edit its page, then raise `version` and set `effectiveOn` here in the same
 * commit. Patients who accepted an older version are offered the new one at their next sign-in
 * (`documentsToAccept`).
 */

export interface LegalDocument {
  /** Changes whenever the text changes in substance; stored with each acceptance. */
  version: string;
  /** YYYY-MM-DD: the day this version took effect, shown on the page. */
  effectiveOn: string;
  title: string;
  path: string;
}

/** Keyed like the signup's `consent`: what each consent checkbox (or the submit) accepts. */
export const legalDocuments = {
  /** The telehealth informed consent, linked from the consent checkbox. */
  telehealth: {
    version: '1',
    effectiveOn: '2026-11-27',
    title: 'Consent to telehealth care',
    path: '/telehealth-consent',
  },
  /** The HIPAA Notice of Privacy Practices (45 CFR 164.520); the privacy checkbox acknowledges it. */
  privacy: {
    version: '1',
    effectiveOn: '2026-11-27',
    title: 'Notice of Privacy Practices',
    path: '/privacy-practices',
  },
  /** The terms of use, accepted by sending the signup (the link sits beside the button). */
  terms: {
    version: '1',
    effectiveOn: '2026-11-27',
    title: 'Terms of use',
    path: '/terms',
  },
} as const satisfies Record<string, LegalDocument>;

export type LegalDocumentKey = keyof typeof legalDocuments;
export const legalDocumentKeys = Object.keys(legalDocuments) as LegalDocumentKey[];

/** The version of each document, as a signup sends it: the versions the person was shown. */
export type AcceptedVersions = Record<LegalDocumentKey, string>;

export function currentVersions(): AcceptedVersions {
  return {
    telehealth: legalDocuments.telehealth.version,
    privacy: legalDocuments.privacy.version,
    terms: legalDocuments.terms.version,
  };
}

/** One stored acceptance: which version, and when (ISO-8601 UTC). */
export interface Acceptance {
  version: string;
  acceptedAt: string;
}

export type StoredConsent = Record<LegalDocumentKey, Acceptance>;

/** The documents whose current version this person has not accepted (offered again at sign-in). */
export function documentsToAccept(consent: Partial<StoredConsent> | undefined): LegalDocumentKey[] {
  return legalDocumentKeys.filter((key) => consent?.[key]?.version !== legalDocuments[key].version);
}

/** The documents a signup names at another version than the current one (the page was out of date). */
export function staleDocuments(seen: Partial<AcceptedVersions>): LegalDocumentKey[] {
  return legalDocumentKeys.filter((key) => seen[key] !== legalDocuments[key].version);
}

/** "November 27, 2026" for an effective date, the same on the server and in the browser. */
export function formatEffectiveDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${months[month - 1]} ${day}, ${year}`;
}
