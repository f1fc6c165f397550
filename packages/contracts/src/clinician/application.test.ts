import { describe, expect, it } from 'vitest';
import { clinicianApplicationInput, documentRef, isoDateInDays } from '../fixtures';
import { toFieldIssues } from '../issues';
import type { UsStateCode } from '../states';
import {
  type ClinicianApplicationInput,
  type DocumentPurpose,
  documentTypeFromMagicBytes,
  findWorkHistoryGaps,
  MAX_DOCUMENT_BYTES,
  makeClinicianApplicationSchema,
  presignUploadRequestSchema,
  requiredDocumentSlots,
} from './application';

const today = '2026-11-23';
const servedStates: UsStateCode[] = ['CA', 'NY', 'TX', 'FL', 'WA'];
const schema = makeClinicianApplicationSchema(servedStates, today);

const draftId = '3f1c2a4e-8b7d-4c5e-9f6a-1b2c3d4e5f60';

const todayDate = new Date(`${today}T12:00:00Z`);

function doc(purpose: DocumentPurpose, index?: number) {
  return documentRef(draftId, purpose, index);
}

/** A psychiatrist's application: every section, DEA and board included. */
function validApplication(): ClinicianApplicationInput {
  return clinicianApplicationInput(
    {
      draftId,
      idempotencyKey: '9b2e7c1d-4a3f-4e8b-a6c5-0d1e2f3a4b5c',
      email: ' Maria.Lopez@Example.com',
      profession: 'MD',
      specialties: ['Psychiatry'],
      licenses: [{ state: 'CA', number: 'A123456', expiresOn: isoDateInDays(430, todayDate) }],
      deaRegistrations: [{ number: 'ab1234563', state: 'CA', expiresOn: isoDateInDays(220, todayDate) }],
      boardCertification: {
        board: 'ABPN',
        certificate: 'Psychiatry',
        kind: 'time-limited',
        expiresOn: isoDateInDays(1500, todayDate),
      },
      workHistory: [{ employer: 'UCSF', role: 'Attending psychiatrist', startMonth: '2019-07' }],
      documents: [doc('license', 0), doc('cv'), doc('malpractice'), doc('dea', 0), doc('board')],
    },
    todayDate,
  );
}

/** The issues a user would see for this input; empty when it parses. */
function issuesOf(input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? [] : toFieldIssues(result.error);
}

describe('documentTypeFromMagicBytes', () => {
  it('recognises PDF, JPEG and PNG from their first bytes', () => {
    expect(documentTypeFromMagicBytes(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(documentTypeFromMagicBytes(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBe('image/jpeg');
    expect(
      documentTypeFromMagicBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00])),
    ).toBe('image/png');
  });

  it('refuses anything else, including truncated signatures', () => {
    expect(documentTypeFromMagicBytes(new TextEncoder().encode('GIF89a'))).toBeUndefined();
    expect(documentTypeFromMagicBytes(new TextEncoder().encode('%PDF'))).toBeUndefined();
    expect(documentTypeFromMagicBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
    expect(documentTypeFromMagicBytes(new Uint8Array())).toBeUndefined();
  });
});

describe('presignUploadRequestSchema', () => {
  const request = { draftId, purpose: 'cv', fileName: 'cv.pdf', contentType: 'application/pdf', size: 1000 };
  const messages = (input: unknown) => {
    const result = presignUploadRequestSchema.safeParse(input);
    return result.success ? [] : toFieldIssues(result.error);
  };

  it('accepts a PDF up to exactly 10 MB', () => {
    expect(messages({ ...request, size: MAX_DOCUMENT_BYTES })).toEqual([]);
  });

  it('refuses an unknown key and a file name that hides its real extension', () => {
    expect(messages({ ...request, acl: 'public-read' })).toEqual([
      { path: 'acl', message: 'Unknown field: acl' },
    ]);
    expect(messages({ ...request, fileName: 'cv\u202Efdp.exe' })).toEqual([
      {
        path: 'fileName',
        message: 'This contains hidden characters that change the direction of text. Retype it without them.',
      },
    ]);
  });

  it('refuses other file types and larger files with messages for the user', () => {
    expect(messages({ ...request, contentType: 'image/gif' })).toEqual([
      { path: 'contentType', message: 'Upload a PDF, JPEG or PNG file.' },
    ]);
    expect(messages({ ...request, size: MAX_DOCUMENT_BYTES + 1 })).toEqual([
      { path: 'size', message: 'Files must be 10 MB or smaller.' },
    ]);
  });
});

describe('makeClinicianApplicationSchema', () => {
  it('parses a complete application and normalises what was typed', () => {
    const result = schema.safeParse(validApplication());
    expect(result.success && result.data).toMatchObject({
      email: 'maria.lopez@example.com',
      phone: '+14155550134',
      deaRegistrations: [{ number: 'AB1234563' }],
    });
  });

  it('accepts a signature that differs from the legal name only in case and spacing', () => {
    const input = { ...validApplication(), signature: { typedName: '  maria   LOPEZ ', signedOn: today } };
    expect(issuesOf(input)).toEqual([]);
  });

  it('tidies legal names (trimmed, stray commas dropped, all lower case capitalised) and signs against them', () => {
    const input = {
      ...validApplication(),
      legalFirstName: ' wei ',
      legalLastName: 'chen ,',
      signature: { typedName: 'Wei Chen', signedOn: today },
    };
    const parsed = schema.parse(input);
    expect([parsed.legalFirstName, parsed.legalLastName]).toEqual(['Wei', 'Chen']);
    expect(issuesOf({ ...input, legalLastName: 'McDonald' })).toEqual([
      { path: 'signature.typedName', message: 'Type your legal name as you gave it: Wei McDonald.' },
    ]);
  });

  it('refuses an NPI whose check digit fails as a likely typo, and one that is not 10 digits as such', () => {
    expect(issuesOf({ ...validApplication(), npi: '1234567890' })).toEqual([
      { path: 'npi', message: "The check digit doesn't match; check for a typo." },
    ]);
    expect(issuesOf({ ...validApplication(), npi: '123456789' })).toEqual([
      { path: 'npi', message: 'Enter your 10-digit NPI: 10 digits, like 1234567893.' },
    ]);
    expect(issuesOf({ ...validApplication(), npi: '' })).toEqual([
      { path: 'npi', message: 'Enter your 10-digit NPI.' },
    ]);
  });

  it('refuses a license that expired, including one expiring today', () => {
    for (const expiresOn of ['2025-06-30', today]) {
      const input = { ...validApplication(), licenses: [{ state: 'CA', number: 'A123456', expiresOn }] };
      expect(issuesOf(input)).toEqual([
        { path: 'licenses.0.expiresOn', message: 'This license has expired.' },
      ]);
    }
  });

  it('refuses licenses when none is in a state we serve, naming the states we serve', () => {
    const input = {
      ...validApplication(),
      licenses: [{ state: 'OR', number: 'OR-1', expiresOn: '2028-01-31' }],
    };
    expect(issuesOf(input)).toEqual([
      {
        path: 'licenses',
        message: 'Add a license in a state we serve: California, New York, Texas, Florida, Washington.',
      },
    ]);
  });

  it('refuses two licenses for the same state', () => {
    const license = { state: 'CA', number: 'A123456', expiresOn: '2028-01-31' };
    const input = {
      ...validApplication(),
      licenses: [license, { ...license, number: 'A999' }],
      documents: [...validApplication().documents, doc('license', 1)],
    };
    expect(issuesOf(input)).toEqual([
      { path: 'licenses.1.state', message: 'You have already added a license for California.' },
    ]);
  });

  it('refuses a DEA registration or board certification for an LCSW', () => {
    const input = { ...validApplication(), profession: 'LCSW' };
    expect(issuesOf(input)).toEqual([
      {
        path: 'deaRegistrations',
        message: 'DEA registration does not apply to a Licensed clinical social worker (LCSW). Remove it.',
      },
      {
        path: 'boardCertification',
        message: 'Board certification does not apply to a Licensed clinical social worker (LCSW). Remove it.',
      },
    ]);
  });

  it('accepts an LCSW without DEA or board certification', () => {
    const { deaRegistrations: _dea, boardCertification: _board, ...rest } = validApplication();
    const input = {
      ...rest,
      profession: 'LCSW',
      documents: [doc('license', 0), doc('cv'), doc('malpractice')],
    };
    expect(issuesOf(input)).toEqual([]);
  });

  it('refuses an invalid DEA number', () => {
    const input = {
      ...validApplication(),
      deaRegistrations: [{ number: 'AB1234564', state: 'CA', expiresOn: '2027-06-30' }],
    };
    expect(issuesOf(input)).toEqual([
      {
        path: 'deaRegistrations.0.number',
        message: 'Enter a valid DEA number: 2 letters and 7 digits, like AB1234563.',
      },
    ]);
  });

  it('accepts a DEA registration in each of two states, each with its certificate', () => {
    const input = {
      ...validApplication(),
      deaRegistrations: [
        { number: 'AB1234563', state: 'CA', expiresOn: '2027-06-30' },
        { number: 'FB1234563', state: 'NY', expiresOn: '2028-01-31' },
      ],
      documents: [...validApplication().documents, doc('dea', 1)],
    };
    expect(issuesOf(input)).toEqual([]);
    const parsed = schema.parse(input);
    expect(parsed.deaRegistrations?.map((r) => r.state)).toEqual(['CA', 'NY']);
  });

  it('refuses two DEA registrations in one state, and asks for the certificate of each', () => {
    const registration = { number: 'AB1234563', state: 'CA', expiresOn: '2027-06-30' };
    const input = {
      ...validApplication(),
      deaRegistrations: [registration, registration],
      documents: [...validApplication().documents, doc('dea', 1)],
    };
    expect(issuesOf(input)).toEqual([
      {
        path: 'deaRegistrations.1.state',
        message: 'You have already added a DEA registration for California.',
      },
    ]);
    const other = { ...registration, state: 'NY' };
    expect(issuesOf({ ...validApplication(), deaRegistrations: [registration, other] })).toEqual([
      { path: 'documents.dea.1', message: 'Upload the certificate of your NY DEA registration.' },
    ]);
  });

  it('accepts a lifetime or continuous board certification without an expiry date, and only those', () => {
    for (const kind of ['lifetime', 'continuous'] as const) {
      const input = {
        ...validApplication(),
        boardCertification: { board: 'ABPN', certificate: 'Psychiatry', kind },
      };
      expect(issuesOf(input)).toEqual([]);
      expect(
        issuesOf({ ...input, boardCertification: { ...input.boardCertification, expiresOn: '2030-01-01' } }),
      ).toEqual([
        {
          path: 'boardCertification.expiresOn',
          message: `A ${kind} certification has no expiry date. Leave it out.`,
        },
      ]);
    }
    const timeLimited = { board: 'ABPN', certificate: 'Psychiatry', kind: 'time-limited' as const };
    expect(issuesOf({ ...validApplication(), boardCertification: timeLimited })).toEqual([
      { path: 'boardCertification.expiresOn', message: 'Enter the date this certification expires.' },
    ]);
  });

  it('refuses aggregate malpractice coverage below the per-claim coverage', () => {
    const input = validApplication();
    input.malpractice.aggregateCoverageUsd = 500_000;
    expect(issuesOf(input)).toEqual([
      {
        path: 'malpractice.aggregateCoverageUsd',
        message: 'The aggregate coverage cannot be less than the per-claim coverage.',
      },
    ]);
  });

  it('names each missing document', () => {
    const license = { number: 'X1', expiresOn: '2028-01-31' };
    const input = {
      ...validApplication(),
      licenses: [
        { ...license, state: 'CA' },
        { ...license, state: 'NY' },
      ],
      documents: [doc('license', 0), doc('malpractice')],
    };
    expect(issuesOf(input)).toEqual([
      { path: 'documents.license.1', message: 'Upload a copy of your NY license.' },
      { path: 'documents.dea.0', message: 'Upload the certificate of your CA DEA registration.' },
      { path: 'documents.board', message: 'Upload your board certificate.' },
      { path: 'documents.cv', message: 'Upload your CV.' },
    ]);
  });

  it('refuses a duplicate CV, a DEA certificate without a DEA registration and an unassigned license copy', () => {
    const { deaRegistrations: _dea, ...rest } = validApplication();
    const input = { ...rest, documents: [...rest.documents, doc('cv'), doc('license')] };
    expect(issuesOf(input)).toEqual([
      { path: 'documents.cv', message: 'Upload only one CV.' },
      { path: 'documents.6.licenseIndex', message: 'Choose which license this document is a copy of.' },
      { path: 'documents.dea', message: 'Remove the DEA certificate, or add your DEA registration.' },
    ]);
  });

  it('requires the typed signature to match the legal name, signed today', () => {
    const input = { ...validApplication(), signature: { typedName: 'Maria Lopes', signedOn: '2026-11-22' } };
    expect(issuesOf(input)).toEqual([
      { path: 'signature.signedOn', message: "Sign with today's date." },
      { path: 'signature.typedName', message: 'Type your legal name as you gave it: Maria Lopez.' },
    ]);
  });

  it('requires both attestations', () => {
    const input = { ...validApplication(), attestations: { truthful: true, consentToVerification: false } };
    expect(issuesOf(input)).toEqual([
      {
        path: 'attestations.consentToVerification',
        message: 'You must allow us to verify your credentials.',
      },
    ]);
  });

  it('reports problems across sections at once, not one layer at a time', () => {
    const input = {
      ...validApplication(),
      phone: '123',
      documents: validApplication().documents.filter((d) => d.purpose !== 'cv'),
    };
    expect(issuesOf(input)).toEqual([
      { path: 'phone', message: 'Enter a valid phone number, like (415) 555-0134.' },
      { path: 'documents.cv', message: 'Upload your CV.' },
    ]);
  });

  it('refuses unknown keys anywhere in the body, naming each, and still reports the other problems', () => {
    const input = validApplication() as ClinicianApplicationInput & Record<string, unknown>;
    const withExtras = {
      ...input,
      status: 'APPROVED',
      practiceAddress: { ...input.practiceAddress, country: 'US' },
      workHistory: [{ ...input.workHistory[0], salary: 1 }],
      documents: input.documents
        .filter((d) => d.purpose !== 'cv')
        .map((d, i) => (i === 0 ? { ...d, acl: 'x' } : d)),
    };
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect(issuesOf(withExtras).sort(byPath)).toEqual([
      { path: 'documents.0.acl', message: 'Unknown field: acl' },
      { path: 'documents.cv', message: 'Upload your CV.' },
      { path: 'practiceAddress.country', message: 'Unknown field: country' },
      { path: 'status', message: 'Unknown field: status' },
      { path: 'workHistory.0.salary', message: 'Unknown field: salary' },
    ]);
  });

  it('refuses text-direction and control characters in every free-text field that reaches a page or an email', () => {
    const rlo = '\u202E';
    const input = validApplication();
    const tainted = {
      ...input,
      legalFirstName: `Maria${rlo}`,
      practiceAddress: {
        ...input.practiceAddress,
        line1: `1 Market${rlo} St`,
        line2: 'Suite\u00075',
        city: `San${rlo}`,
      },
      specialties: [`Psych${rlo}iatry`],
      licenses: [{ ...input.licenses[0], number: `A1${rlo}` }],
      boardCertification: {
        board: `AB${rlo}PN`,
        certificate: 'Psych\niatry',
        kind: 'time-limited',
        expiresOn: isoDateInDays(1500, todayDate),
      },
      malpractice: { ...input.malpractice, carrier: `Med${rlo}Pro`, policyNumber: 'MP\t100' },
      workHistory: [{ ...input.workHistory[0], employer: `UC${rlo}SF`, role: `Att${rlo}ending` }],
      currentGapExplanation: `Leave${rlo}`,
      documents: input.documents.map((d) => (d.purpose === 'cv' ? { ...d, fileName: `cv${rlo}fdp.exe` } : d)),
      signature: { ...input.signature, typedName: `Maria Lopez${rlo}` },
    };
    const issues = issuesOf(tainted);
    // The signature also no longer matches the (refused) legal name: one path is enough here.
    const paths = [...new Set(issues.map((issue) => issue.path))];
    expect(paths).toEqual([
      'legalFirstName',
      'practiceAddress.line1',
      'practiceAddress.line2',
      'practiceAddress.city',
      'specialties.0',
      'licenses.0.number',
      'boardCertification.board',
      'boardCertification.certificate',
      'malpractice.carrier',
      'malpractice.policyNumber',
      'workHistory.0.employer',
      'workHistory.0.role',
      'currentGapExplanation',
      'documents.1.fileName',
      'signature.typedName',
    ]);
    expect(new Set(issues.map((issue) => issue.message))).toEqual(
      new Set([
        'This contains hidden characters that change the direction of text. Retype it without them.',
        'This cannot contain line breaks, tabs or other control characters. Retype it on one line.',
      ]),
    );
  });

  it('keeps line breaks in an explanation and compares an NFD signature with an NFC name', () => {
    const jobs = [{ employer: 'UCSF', role: 'Attending', startMonth: '2019-07', endMonth: '2026-03' }];
    const input = {
      ...validApplication(),
      legalFirstName: 'José',
      workHistory: jobs,
      currentGapExplanation: 'Parental leave.\r\nThen a move.',
      signature: { typedName: 'Jose\u0301 Lopez', signedOn: today },
    };
    const result = schema.safeParse(input);
    expect(result.error && toFieldIssues(result.error)).toBeUndefined();
    expect(result.data).toMatchObject({
      currentGapExplanation: 'Parental leave.\nThen a move.',
      signature: { typedName: 'José Lopez' },
    });
  });

  describe('work history gaps', () => {
    const withJobs = (
      workHistory: ClinicianApplicationInput['workHistory'],
      currentGapExplanation?: string,
    ) => ({
      ...validApplication(),
      workHistory,
      currentGapExplanation,
    });

    it('requires an explanation for a 7-month gap between jobs', () => {
      const jobs = [
        { employer: 'County Hospital', role: 'Resident', startMonth: '2015-07', endMonth: '2019-01' },
        { employer: 'UCSF', role: 'Attending', startMonth: '2019-09' },
      ];
      expect(issuesOf(withJobs(jobs))).toEqual([
        {
          path: 'workHistory.1.gapBeforeExplanation',
          message: 'Explain the gap of 7 months before this job.',
        },
      ]);
      const explained = [jobs[0], { ...jobs[1], gapBeforeExplanation: 'Parental leave.' }];
      expect(issuesOf(withJobs(explained as typeof jobs))).toEqual([]);
    });

    it('does not ask about a 5-month gap', () => {
      const jobs = [
        { employer: 'County Hospital', role: 'Resident', startMonth: '2015-07', endMonth: '2019-01' },
        { employer: 'UCSF', role: 'Attending', startMonth: '2019-07' },
      ];
      expect(issuesOf(withJobs(jobs))).toEqual([]);
    });

    it('requires an explanation when the last job ended more than 6 months ago', () => {
      const jobs = [{ employer: 'UCSF', role: 'Attending', startMonth: '2019-07', endMonth: '2026-03' }];
      expect(issuesOf(withJobs(jobs))).toEqual([
        { path: 'currentGapExplanation', message: 'Explain the gap of 7 months since your last job.' },
      ]);
      expect(issuesOf(withJobs(jobs, 'Sabbatical.'))).toEqual([]);
    });

    it('refuses an end month before the start month', () => {
      const jobs = [{ employer: 'UCSF', role: 'Attending', startMonth: '2019-07', endMonth: '2019-06' }];
      expect(issuesOf(withJobs(jobs, 'Sabbatical.'))).toEqual([
        { path: 'workHistory.0.endMonth', message: 'The end month cannot be before the start month.' },
      ]);
    });
  });
});

describe('findWorkHistoryGaps', () => {
  it('finds gaps of more than 6 months between jobs sorted by start, indexed as given', () => {
    const jobs = [
      { startMonth: '2021-06' }, // current job, 5 months after the previous one ended
      { startMonth: '2015-01', endMonth: '2018-01' },
      { startMonth: '2018-09', endMonth: '2020-12' }, // 7 months after the first ended
    ];
    expect(findWorkHistoryGaps(jobs, today)).toEqual([{ beforeJobIndex: 2, months: 7 }]);
  });

  it('lets overlapping jobs cover each other', () => {
    const jobs = [
      { startMonth: '2010-01', endMonth: '2020-01' },
      { startMonth: '2012-01', endMonth: '2013-01' },
      { startMonth: '2020-03' },
    ];
    expect(findWorkHistoryGaps(jobs, today)).toEqual([]);
  });

  it('counts the gap from the last job up to the current month', () => {
    expect(findWorkHistoryGaps([{ startMonth: '2020-01', endMonth: '2026-03' }], today)).toEqual([
      { beforeJobIndex: null, months: 7 },
    ]);
    expect(findWorkHistoryGaps([{ startMonth: '2020-01', endMonth: '2026-05' }], today)).toEqual([]);
  });

  it('skips entries the form has not finished', () => {
    expect(findWorkHistoryGaps([{ startMonth: '2020-0' }, { startMonth: '' }], today)).toEqual([]);
  });
});

describe('requiredDocumentSlots', () => {
  it('asks for a copy of each license, DEA and board certificates only with their sections, then malpractice and CV', () => {
    const slots = (application: Parameters<typeof requiredDocumentSlots>[0]) =>
      requiredDocumentSlots(application).map((slot) => slot.path);
    expect(slots({ licenses: [{ state: 'CA' }, { state: 'NY' }] })).toEqual([
      'documents.license.0',
      'documents.license.1',
      'documents.malpractice',
      'documents.cv',
    ]);
    expect(slots({ licenses: [], deaRegistrations: [{ state: 'CA' }, {}], boardCertification: {} })).toEqual([
      'documents.dea.0',
      'documents.dea.1',
      'documents.board',
      'documents.malpractice',
      'documents.cv',
    ]);
    expect(requiredDocumentSlots({ licenses: [{ state: '' }] })[0]).toMatchObject({
      purpose: 'license',
      licenseIndex: 0,
      missing: 'Upload a copy of your state license.',
    });
  });
});
