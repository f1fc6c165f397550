import { type DocumentPurpose, makeClinicianApplicationSchema, toFieldIssues } from '@telehealth/contracts';
import {
  clinicianApplicationInput,
  documentRef,
  isoDateInDays,
  isoMonthAgo,
  uniqueEmail,
} from '@telehealth/contracts/fixtures';
import { describe, expect, it, vi } from 'vitest';
import {
  type ApplicationDraft,
  DRAFT_STORAGE_KEY,
  deaSlot,
  initialDraft,
  licenseSlot,
  parseStoredDraft,
  parseUsd,
  readStoredDraft,
  toApplicationPayload,
} from './draft';
import { isProven } from './email-proof';
import { controlIdFor, issuesByPath, stepIndex, stepOfPath, steps } from './step-definitions';
import { contentTypeOf, formatBytes, presignRequestFor } from './uploads';

const today = isoDateInDays(0);

/** An MD with a DEA registration, licensed in NV and CA, as the form holds it: built from the shared fixtures. */
function completeDraft(): ApplicationDraft {
  const input = clinicianApplicationInput({
    profession: 'MD',
    licenses: [
      { state: 'NV', number: 'N1', expiresOn: isoDateInDays(500) },
      { state: 'CA', number: 'C1', expiresOn: isoDateInDays(500) },
    ],
  });
  const { draftId, idempotencyKey } = input;
  const stored = (purpose: DocumentPurpose, fileName = `${purpose}.pdf`) =>
    documentRef(draftId, purpose, undefined, { fileName });
  return {
    ...initialDraft,
    draftId,
    idempotencyKey,
    step: 8,
    furthestStep: 8,
    legalFirstName: input.legalFirstName,
    legalLastName: input.legalLastName,
    email: input.email,
    phone: input.phone,
    practiceAddress: { ...input.practiceAddress, line2: ' ' },
    profession: 'MD',
    specialties: 'Psychiatry,\n Addiction medicine ,',
    npi: input.npi,
    licenses: input.licenses.map((license, i) => ({ id: ['a', 'b'][i] ?? `l${i}`, ...license })),
    hasDea: true,
    deaRegistrations: [
      { id: 'd1', number: 'ab1234563', state: 'CA', expiresOn: isoDateInDays(200) },
      { id: 'd2', number: 'FB1234563', state: 'NV', expiresOn: isoDateInDays(300) },
    ],
    hasBoardCertification: false,
    boardCertification: {
      board: 'ABPN',
      certificate: 'Psychiatry',
      kind: 'lifetime',
      expiresOn: isoDateInDays(900),
    },
    malpractice: {
      carrier: 'MedPro',
      policyNumber: 'MP-100',
      perClaimCoverageUsd: '$1,000,000',
      aggregateCoverageUsd: '3 000 000',
      expiresOn: isoDateInDays(300),
    },
    workHistory: [
      {
        id: 'j1',
        employer: 'A',
        role: 'R',
        startMonth: isoMonthAgo(130),
        endMonth: isoMonthAgo(100),
        current: false,
        gapBeforeExplanation: 'ignored',
      },
      {
        // 11 months after the first job ended: a gap that needs its explanation.
        id: 'j2',
        employer: 'B',
        role: 'R',
        startMonth: isoMonthAgo(88),
        endMonth: 'kept out',
        current: true,
        gapBeforeExplanation: 'Parental leave',
      },
    ],
    documents: {
      [licenseSlot({ id: 'a' })]: stored('license', 'nv.pdf'),
      [licenseSlot({ id: 'b' })]: stored('license', 'ca.pdf'),
      [deaSlot({ id: 'd1' })]: stored('dea', 'dea-ca.pdf'),
      [deaSlot({ id: 'd2' })]: stored('dea', 'dea-nv.pdf'),
      board: stored('board'),
      malpractice: stored('malpractice'),
      cv: stored('cv'),
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

  it('ties license copies and DEA certificates to theirs, and leaves out sections the clinician does not have', () => {
    const { payload, documentPaths } = toApplicationPayload(completeDraft(), today);
    expect(payload.documents.map((d) => [d.fileName, d.licenseIndex, d.deaIndex])).toEqual([
      ['nv.pdf', 0, undefined],
      ['ca.pdf', 1, undefined],
      ['dea-ca.pdf', undefined, 0],
      ['dea-nv.pdf', undefined, 1],
      ['malpractice.pdf', undefined, undefined],
      ['cv.pdf', undefined, undefined],
    ]);
    expect(documentPaths).toEqual([
      'documents.license.0',
      'documents.license.1',
      'documents.dea.0',
      'documents.dea.1',
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

  it('sends an unmade choice as missing, so the contract only asks to choose', () => {
    const draft = completeDraft();
    const { payload } = toApplicationPayload(
      {
        ...draft,
        practiceAddress: { ...draft.practiceAddress, state: '' },
        licenses: draft.licenses.map((license) => ({ ...license, state: '' })),
        deaRegistrations: draft.deaRegistrations.map((registration) => ({ ...registration, state: '' })),
      },
      today,
    );
    const result = makeClinicianApplicationSchema(['CA', 'NY'], today).safeParse(payload);
    expect(result.success ? [] : toFieldIssues(result.error)).toEqual([
      { path: 'practiceAddress.state', message: 'Choose the state.' },
      { path: 'licenses.0.state', message: 'Choose the state that issued this license.' },
      { path: 'licenses.1.state', message: 'Choose the state that issued this license.' },
      { path: 'deaRegistrations.0.state', message: 'Choose the state of this DEA registration.' },
      { path: 'deaRegistrations.1.state', message: 'Choose the state of this DEA registration.' },
    ]);
  });

  it('sends a board certification expiry date only for a time-limited one', () => {
    const draft = { ...completeDraft(), hasBoardCertification: true };
    const lifetime = toApplicationPayload(draft, today).payload.boardCertification;
    expect(lifetime).toEqual({ board: 'ABPN', certificate: 'Psychiatry', kind: 'lifetime' });
    const timed = toApplicationPayload(
      { ...draft, boardCertification: { ...draft.boardCertification, kind: 'time-limited' } },
      today,
    ).payload.boardCertification;
    expect(timed?.expiresOn).toBe(isoDateInDays(900));
  });

  it('drops the DEA section for a profession without it', () => {
    const { payload } = toApplicationPayload({ ...completeDraft(), profession: 'LCSW' }, today);
    expect(payload.deaRegistrations).toBeUndefined();
    expect(payload.documents.some((d) => d.purpose === 'dea')).toBe(false);
  });
});

describe('issue paths', () => {
  it('puts each issue on the step and control that show it', () => {
    expect(steps.map((step) => step.id)).toEqual([
      'email',
      'identity',
      'profession',
      'licenses',
      'dea-board',
      'malpractice',
      'work-history',
      'attestations',
      'review',
    ]);
    expect(stepOfPath('email')).toBe(stepIndex('email'));
    expect(controlIdFor('email')).toBe('ca-email');
    expect(stepOfPath('practiceAddress.city')).toBe(stepIndex('identity'));
    expect(stepOfPath('documents.license.1')).toBe(stepIndex('licenses'));
    expect(stepOfPath('documents.dea.1')).toBe(stepIndex('dea-board'));
    expect(controlIdFor('documents.dea.1')).toBe('ca-documents-dea-1');
    expect(controlIdFor('boardCertification.kind')).toBe('ca-boardCertification-kind');
    expect(stepOfPath('documents.cv')).toBe(stepIndex('work-history'));
    expect(stepOfPath('draftId')).toBe(steps.length - 1);
    expect(controlIdFor('workHistory.1.endMonth')).toBe('ca-workHistory-1-endMonth');
    expect(controlIdFor('licenses')).toBeUndefined();
  });

  it('maps documents named by position, and every specialty, to their slot', () => {
    const paths = ['documents.license.0', 'documents.cv'];
    expect(
      issuesByPath(
        [
          { path: 'documents.1.key', message: 'CV gone' },
          { path: 'documents.0.licenseIndex', message: 'which license' },
          { path: 'specialties.2', message: 'too long' },
        ],
        paths,
      ),
    ).toEqual({ 'documents.cv': 'CV gone', 'documents.license.0': 'which license', specialties: 'too long' });
  });
});

describe('stored drafts', () => {
  it('round-trips a good draft through JSON', () => {
    const draft = completeDraft();
    expect(parseStoredDraft(JSON.parse(JSON.stringify(draft)), steps.length)).toEqual(draft);
  });

  it('refuses drafts without valid ids and drops documents that are not refs or not in a slot', () => {
    const draft = completeDraft();
    expect(parseStoredDraft({ ...draft, draftId: 'nope' }, steps.length)).toBeUndefined();
    expect(parseStoredDraft({ ...draft, idempotencyKey: undefined }, steps.length)).toBeUndefined();
    expect(parseStoredDraft('garbage', steps.length)).toBeUndefined();
    expect(parseStoredDraft(null, steps.length)).toBeUndefined();
    const restored = parseStoredDraft(
      {
        ...draft,
        step: 99,
        documents: {
          cv: { key: '' },
          'license:zzz': documentRef(draft.draftId, 'license'),
          dea: documentRef(draft.draftId, 'dea'),
          'dea:d2': documentRef(draft.draftId, 'dea', 1),
        },
      },
      steps.length,
    );
    expect(restored?.step).toBe(steps.length - 1);
    expect(Object.keys(restored?.documents ?? {})).toEqual(['dea:d2']);
    expect(restored?.documents['dea:d2']).not.toHaveProperty('deaIndex');
  });

  it('reads a corrupt draft field by field: wrong types become empty, repeated ids new ones', () => {
    const draft = completeDraft();
    const restored = parseStoredDraft(
      {
        ...draft,
        step: 'three',
        legalFirstName: 42,
        practiceAddress: 'somewhere',
        malpractice: { carrier: ['MedPro'], policyNumber: 'MP-100' },
        hasDea: 'yes',
        licenses: [draft.licenses[0], { ...draft.licenses[1], id: draft.licenses[0]?.id }, 'junk'],
        workHistory: 'none',
        attestations: { truthful: 'true', consentToVerification: true },
        documents: ['not', 'a', 'record'],
        unknownField: 'dropped',
      },
      steps.length,
    );
    expect(restored).toBeDefined();
    expect(restored?.step).toBe(0);
    expect(restored?.legalFirstName).toBe('');
    expect(restored?.legalLastName).toBe('Lopez');
    expect(restored?.practiceAddress).toEqual({ line1: '', line2: '', city: '', state: '', postalCode: '' });
    expect(restored?.malpractice.carrier).toBe('');
    expect(restored?.malpractice.policyNumber).toBe('MP-100');
    expect(restored?.hasDea).toBe(false);
    expect(restored?.licenses.map((license) => license.state)).toEqual(['NV', 'CA', '']);
    expect(new Set(restored?.licenses.map((license) => license.id)).size).toBe(3);
    expect(restored?.workHistory).toHaveLength(1);
    expect(restored?.workHistory[0]?.employer).toBe('');
    expect(restored?.attestations).toEqual({ truthful: false, consentToVerification: true });
    expect(restored?.documents).toEqual({});
    expect(restored).not.toHaveProperty('unknownField');
  });

  it('keeps a draft saved before the email step, on the same page, its email still to be proven', () => {
    const { codeSentTo: _new, ...answers } = completeDraft();
    // Version 1 counted "Identity and contact" as step 0 and had no email step.
    const restored = parseStoredDraft({ ...answers, version: 1, step: 3 }, steps.length);
    expect(restored?.version).toBe(2);
    expect(steps[restored?.step ?? -1]?.id).toBe('dea-board');
    expect(restored?.email).toBe(answers.email);
    expect(restored?.codeSentTo).toBe('');
    expect(restored?.npi).toBe('1234567893');
    expect(parseStoredDraft({ ...answers, version: 3 }, steps.length)).toBeUndefined();
  });

  it('reads nothing from storage that is not JSON', () => {
    const store = new Map([[DRAFT_STORAGE_KEY, '{"version":2,']]);
    vi.stubGlobal('window', { localStorage: { getItem: (key: string) => store.get(key) ?? null } });
    try {
      expect(readStoredDraft(steps.length)).toBeUndefined();
      store.set(DRAFT_STORAGE_KEY, JSON.stringify(completeDraft()));
      expect(readStoredDraft(steps.length)?.npi).toBe('1234567893');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('the email gate', () => {
  const email = uniqueEmail('maria');
  const proof = {
    status: 'verified' as const,
    email,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  };

  it('lets a draft past the email step only with a proof of its own email', () => {
    expect(isProven(email, proof)).toBe(true);
    expect(isProven(uniqueEmail('other'), proof)).toBe(false);
    expect(isProven(email, null)).toBe(false);
    expect(isProven('', { ...proof, email: '' })).toBe(false);
  });
});

describe('upload helpers', () => {
  const draftId = crypto.randomUUID();

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
    expect(formatBytes(500)).toBe('1 KB');
    expect(formatBytes(15 * 1024 + 100)).toBe('15 KB');
    expect(formatBytes(1000 * 1024)).toBe('1,000 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(120 * 1024)).toBe('120 KB');
    expect(formatBytes(2.5 * 1024 * 1024)).toBe('2.5 MB');
    expect(parseUsd('')).toBeUndefined();
    expect(parseUsd('12abc')).toBeNaN();
  });
});
