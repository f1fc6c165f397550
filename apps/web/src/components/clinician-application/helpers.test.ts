import { makeClinicianApplicationSchema, toFieldIssues } from '@telehealth/contracts';
import { describe, expect, it } from 'vitest';
import {
  type ApplicationDraft,
  initialDraft,
  licenceSlot,
  parseStoredDraft,
  parseUsd,
  toApplicationPayload,
} from './draft';
import { isProven } from './email-proof';
import { controlIdFor, issuesByPath, stepIndex, stepOfPath, steps } from './step-definitions';
import { contentTypeOf, formatBytes, presignRequestFor } from './uploads';

const today = '2026-11-23';
const draftId = '3f1c2a4e-8b7d-4c5e-9f6a-1b2c3d4e5f60';
const idempotencyKey = '9b2e7c1d-4a3f-4e8b-a6c5-0d1e2f3a4b5c';

function doc(purpose: 'licence' | 'cv' | 'malpractice' | 'dea' | 'board', name = `${purpose}.pdf`) {
  return {
    key: `drafts/${draftId}/${purpose}/x.pdf`,
    purpose,
    fileName: name,
    contentType: 'application/pdf' as const,
    size: 1200,
  };
}

function completeDraft(): ApplicationDraft {
  return {
    ...initialDraft,
    draftId,
    idempotencyKey,
    step: 8,
    legalFirstName: 'Maria',
    legalLastName: 'Lopez',
    email: 'maria@example.com',
    phone: '(415) 555-0134',
    practiceAddress: {
      line1: '1 Market St',
      line2: ' ',
      city: 'San Francisco',
      state: 'CA',
      postalCode: '94105',
    },
    profession: 'MD',
    specialties: 'Psychiatry,\n Addiction medicine ,',
    npi: '1234567893',
    licences: [
      { id: 'a', state: 'NV', number: 'N1', expiresOn: '2028-01-31' },
      { id: 'b', state: 'CA', number: 'C1', expiresOn: '2028-01-31' },
    ],
    hasDea: true,
    dea: { number: 'ab1234563', state: 'CA', expiresOn: '2027-06-30' },
    hasBoardCertification: false,
    boardCertification: { board: 'ABPN', certificate: 'Psychiatry', expiresOn: '2030-12-31' },
    malpractice: {
      carrier: 'MedPro',
      policyNumber: 'MP-100',
      perClaimCoverageUsd: '$1,000,000',
      aggregateCoverageUsd: '3 000 000',
      expiresOn: '2027-03-01',
    },
    workHistory: [
      {
        id: 'j1',
        employer: 'A',
        role: 'R',
        startMonth: '2015-07',
        endMonth: '2018-01',
        current: false,
        gapBeforeExplanation: 'ignored',
      },
      {
        id: 'j2',
        employer: 'B',
        role: 'R',
        startMonth: '2019-01',
        endMonth: 'kept out',
        current: true,
        gapBeforeExplanation: 'Parental leave',
      },
    ],
    documents: {
      [licenceSlot({ id: 'a' })]: doc('licence', 'nv.pdf'),
      [licenceSlot({ id: 'b' })]: doc('licence', 'ca.pdf'),
      dea: doc('dea'),
      board: doc('board'),
      malpractice: doc('malpractice'),
      cv: doc('cv'),
    },
    attestations: { truthful: true, consentToVerification: true },
    signatureName: 'maria  lopez',
  };
}

describe('toApplicationPayload', () => {
  it('builds a request the contract accepts from a complete draft', () => {
    const { payload } = toApplicationPayload(completeDraft(), today);
    const result = makeClinicianApplicationSchema(['CA', 'NY'], today).safeParse(payload);
    expect(result.success ? [] : toFieldIssues(result.error)).toEqual([]);
  });

  it('ties licence copies to their licence, and leaves out sections the clinician does not have', () => {
    const { payload, documentPaths } = toApplicationPayload(completeDraft(), today);
    expect(payload.documents.map((d) => [d.fileName, d.licenceIndex])).toEqual([
      ['nv.pdf', 0],
      ['ca.pdf', 1],
      ['dea.pdf', undefined],
      ['malpractice.pdf', undefined],
      ['cv.pdf', undefined],
    ]);
    expect(documentPaths).toEqual([
      'documents.licence.0',
      'documents.licence.1',
      'documents.dea',
      'documents.malpractice',
      'documents.cv',
    ]);
    expect(payload.boardCertification).toBeUndefined();
    expect(payload.specialties).toEqual(['Psychiatry', 'Addiction medicine']);
    expect(payload.practiceAddress.line2).toBeUndefined();
    expect(payload.malpractice.perClaimCoverageUsd).toBe(1_000_000);
  });

  it('leaves the end month out of a current job and sends gap explanations only where a gap is', () => {
    const { payload } = toApplicationPayload(completeDraft(), today);
    expect(payload.workHistory[1]).not.toHaveProperty('endMonth');
    expect(payload.workHistory[0]).not.toHaveProperty('gapBeforeExplanation');
    expect(payload.workHistory[1]?.gapBeforeExplanation).toBe('Parental leave');
  });

  it('drops the DEA section for a profession without it', () => {
    const { payload } = toApplicationPayload({ ...completeDraft(), profession: 'LCSW' }, today);
    expect(payload.dea).toBeUndefined();
    expect(payload.documents.some((d) => d.purpose === 'dea')).toBe(false);
  });
});

describe('issue paths', () => {
  it('puts each issue on the step and control that show it', () => {
    expect(steps.map((step) => step.id)).toEqual([
      'email',
      'identity',
      'profession',
      'licences',
      'dea-board',
      'malpractice',
      'work-history',
      'attestations',
      'review',
    ]);
    expect(stepOfPath('email')).toBe(stepIndex('email'));
    expect(controlIdFor('email')).toBe('ca-email');
    expect(stepOfPath('practiceAddress.city')).toBe(stepIndex('identity'));
    expect(stepOfPath('documents.licence.1')).toBe(stepIndex('licences'));
    expect(stepOfPath('documents.dea')).toBe(stepIndex('dea-board'));
    expect(stepOfPath('documents.cv')).toBe(stepIndex('work-history'));
    expect(stepOfPath('draftId')).toBe(steps.length - 1);
    expect(controlIdFor('workHistory.1.endMonth')).toBe('ca-workHistory-1-endMonth');
    expect(controlIdFor('licences')).toBeUndefined();
  });

  it('maps documents named by position, and every specialty, to their slot', () => {
    const paths = ['documents.licence.0', 'documents.cv'];
    expect(
      issuesByPath(
        [
          { path: 'documents.1.key', message: 'CV gone' },
          { path: 'documents.0.licenceIndex', message: 'which licence' },
          { path: 'specialties.2', message: 'too long' },
        ],
        paths,
      ),
    ).toEqual({ 'documents.cv': 'CV gone', 'documents.licence.0': 'which licence', specialties: 'too long' });
  });
});

describe('stored drafts', () => {
  it('round-trips a draft through JSON', () => {
    const draft = completeDraft();
    expect(parseStoredDraft(JSON.parse(JSON.stringify(draft)), steps.length)).toEqual(draft);
  });

  it('refuses drafts without valid ids and drops documents that are not refs or not in a slot', () => {
    expect(parseStoredDraft({ ...completeDraft(), draftId: 'nope' }, steps.length)).toBeUndefined();
    expect(parseStoredDraft('garbage', steps.length)).toBeUndefined();
    const restored = parseStoredDraft(
      {
        ...completeDraft(),
        step: 99,
        documents: { cv: { key: '' }, 'licence:zzz': doc('licence'), dea: doc('dea') },
      },
      steps.length,
    );
    expect(restored?.step).toBe(steps.length - 1);
    expect(Object.keys(restored?.documents ?? {})).toEqual(['dea']);
  });

  it('keeps a draft saved before the email step, on the same page, its email still to be proven', () => {
    const { codeSentTo: _new, ...answers } = completeDraft();
    // Version 1 counted "Identity and contact" as step 0 and had no email step.
    const restored = parseStoredDraft({ ...answers, version: 1, step: 3 }, steps.length);
    expect(restored?.version).toBe(2);
    expect(steps[restored?.step ?? -1]?.id).toBe('dea-board');
    expect(restored?.email).toBe('maria@example.com');
    expect(restored?.codeSentTo).toBe('');
    expect(restored?.npi).toBe('1234567893');
    expect(parseStoredDraft({ ...answers, version: 3 }, steps.length)).toBeUndefined();
  });
});

describe('the email gate', () => {
  const proof = {
    status: 'verified' as const,
    email: 'maria@example.com',
    expiresAt: '2026-11-24T07:00:00.000Z',
  };

  it('lets a draft past the email step only with a proof of its own email', () => {
    expect(isProven('maria@example.com', proof)).toBe(true);
    expect(isProven('other@example.com', proof)).toBe(false);
    expect(isProven('maria@example.com', null)).toBe(false);
    expect(isProven('', { ...proof, email: '' })).toBe(false);
  });
});

describe('upload helpers', () => {
  it('refuses files in the browser with the contract messages', () => {
    const big = presignRequestFor(draftId, 'cv', {
      name: 'cv.pdf',
      type: 'application/pdf',
      size: 11 * 1024 * 1024,
    });
    expect(big).toEqual({ ok: false, message: 'Files must be 10 MB or smaller.' });
    const text = presignRequestFor(draftId, 'cv', { name: 'cv.txt', type: 'text/plain', size: 10 });
    expect(text).toEqual({ ok: false, message: 'Upload a PDF, JPEG or PNG file.' });
    expect(presignRequestFor(draftId, 'cv', { name: 'cv.pdf', type: '', size: 10 }).ok).toBe(true);
  });

  it('reads a missing type from the extension, and formats sizes', () => {
    expect(contentTypeOf({ name: 'scan.JPG', type: '' })).toBe('image/jpeg');
    expect(contentTypeOf({ name: 'notes', type: '' })).toBe('');
    expect(formatBytes(500)).toBe('500 bytes');
    expect(formatBytes(120 * 1024)).toBe('120 KB');
    expect(formatBytes(2.5 * 1024 * 1024)).toBe('2.5 MB');
    expect(parseUsd('')).toBeUndefined();
    expect(parseUsd('12abc')).toBeNaN();
  });
});
