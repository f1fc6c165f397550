import { z } from 'zod';
import { emailSchema, isoDateToday, phoneSchema } from '../patient';
import { isUsStateCode, type UsStateCode, usStates } from '../states';
import { plainText, strictObject } from '../text';
import { isValidDeaNumber, isValidNpi, normalizeDeaNumber } from './identifiers';

// ---------------------------------------------------------------------------------------------------
// Professions

/** The professions we credential, and which optional sections of the application apply to each. */
export const professions = {
  MD: { label: 'Physician (MD)', dea: true, boardCertification: true },
  DO: { label: 'Physician (DO)', dea: true, boardCertification: true },
  NP: { label: 'Nurse practitioner (NP)', dea: true, boardCertification: true },
  PA: { label: 'Physician assistant (PA)', dea: true, boardCertification: true },
  'PsyD/PhD': { label: 'Psychologist (PsyD/PhD)', dea: false, boardCertification: true },
  LCSW: { label: 'Licensed clinical social worker (LCSW)', dea: false, boardCertification: false },
  LPC: { label: 'Licensed professional counselor (LPC)', dea: false, boardCertification: false },
  LMFT: { label: 'Licensed marriage and family therapist (LMFT)', dea: false, boardCertification: false },
  RN: { label: 'Registered nurse (RN)', dea: false, boardCertification: false },
} as const;

export type Profession = keyof typeof professions;

/** The profession codes in display order, for `<select>` options and `z.enum`. */
export const professionCodes = Object.keys(professions) as [Profession, ...Profession[]];

// ---------------------------------------------------------------------------------------------------
// Documents

export const documentPurposes = ['license', 'cv', 'malpractice', 'dea', 'board'] as const;
export type DocumentPurpose = (typeof documentPurposes)[number];

export const documentPurposeLabels: Record<DocumentPurpose, string> = {
  license: 'State license',
  cv: 'CV',
  malpractice: 'Malpractice insurance certificate',
  dea: 'DEA registration certificate',
  board: 'Board certification',
};

export const ALLOWED_DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentContentType = (typeof ALLOWED_DOCUMENT_CONTENT_TYPES)[number];

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

/**
 * The type a file really is, from its first bytes, so the server never trusts the declared
 * Content-Type of an upload. Undefined for anything we do not accept.
 */
export function documentTypeFromMagicBytes(bytes: Uint8Array): DocumentContentType | undefined {
  if (startsWith(bytes, PDF_MAGIC)) return 'application/pdf';
  if (startsWith(bytes, JPEG_MAGIC)) return 'image/jpeg';
  if (startsWith(bytes, PNG_MAGIC)) return 'image/png';
  return undefined;
}

const purposeSchema = z.enum(documentPurposes, { error: 'Choose what this document is.' });

/** Shown in messages and to reviewers, so plain text like a name (a U+202E could disguise `.exe`). */
const fileNameSchema = plainText({ error: 'The file needs a name.' })
  .min(1, 'The file needs a name.')
  .max(200, 'File names must be 200 characters or fewer. Rename the file and try again.');

const contentTypeSchema = z.enum(ALLOWED_DOCUMENT_CONTENT_TYPES, {
  error: 'Upload a PDF, JPEG or PNG file.',
});

const sizeSchema = z
  .number({ error: 'The file size is missing.' })
  .int('The file size must be a whole number of bytes.')
  .min(1, 'This file is empty. Choose another file.')
  .max(MAX_DOCUMENT_BYTES, 'Files must be 10 MB or smaller.');

/** Asks for a presigned request to upload one document of an application draft. */
export const presignUploadRequestSchema = strictObject({
  draftId: z.uuid({ error: 'This application draft is not valid. Reload the page and try again.' }),
  purpose: purposeSchema,
  fileName: fileNameSchema,
  contentType: contentTypeSchema,
  size: sizeSchema,
});
export type PresignUploadRequest = z.infer<typeof presignUploadRequestSchema>;

/** Where and how the browser uploads the file: send the bytes with exactly these headers before `expiresAt`. */
export { type PresignUploadResponse, presignUploadResponseSchema } from '../response-schemas';

/**
 * An uploaded document as the application refers to it. The server checks that `key` lies under the
 * draft's own prefix and that the object exists; the contract only checks the shape.
 */
export const documentRefSchema = strictObject({
  key: z.string({ error: 'Upload the document again.' }).min(1, 'Upload the document again.').max(1024),
  purpose: purposeSchema,
  fileName: fileNameSchema,
  contentType: contentTypeSchema,
  size: sizeSchema,
  /** For `license` documents: the index in `licenses` of the license this is a copy of. */
  licenseIndex: z.number().int().min(0).optional(),
  /** For `dea` documents: the index in `deaRegistrations` of the registration this certifies. */
  deaIndex: z.number().int().min(0).optional(),
});
export type DocumentRef = z.infer<typeof documentRefSchema>;

/** An upload slot the application needs, with its issue path and what to say when it is empty or doubled. */
export type RequiredDocumentSlot = {
  /** The issue path of the slot: `documents.license.<licenseIndex>`, `documents.cv`, … */
  path: string;
  /** Upload this document. */
  missing: string;
  /** Upload only one of these. */
  duplicate: string;
} & (
  | {
      purpose: 'license';
      /** The index in `licenses` of the license this is a copy of. */
      licenseIndex: number;
      deaIndex?: undefined;
    }
  | {
      purpose: 'dea';
      /** The index in `deaRegistrations` of the registration this certifies. */
      deaIndex: number;
      licenseIndex?: undefined;
    }
  | { purpose: Exclude<DocumentPurpose, 'license' | 'dea'>; licenseIndex?: undefined; deaIndex?: undefined }
);

/** The parts of an application (parsed, or as the form builds it) that decide which documents it needs. */
export interface DocumentSlotSource {
  licenses: readonly { state?: string | undefined }[];
  deaRegistrations?: readonly { state?: string | undefined }[] | undefined;
  boardCertification?: object | undefined;
}

/** The index a document of this purpose carries to name its license or DEA registration, if any. */
export function slotIndexOf(doc: {
  purpose: DocumentPurpose;
  licenseIndex?: number | undefined;
  deaIndex?: number | undefined;
}): number | undefined {
  return doc.purpose === 'license' ? doc.licenseIndex : doc.purpose === 'dea' ? doc.deaIndex : undefined;
}

/** The issue path of a document's upload slot: `documents.license.0`, `documents.dea.1`, `documents.cv`. */
export function documentSlotPath(doc: {
  purpose: DocumentPurpose;
  licenseIndex?: number | undefined;
  deaIndex?: number | undefined;
}): string {
  return doc.purpose === 'license' || doc.purpose === 'dea'
    ? `documents.${doc.purpose}.${slotIndexOf(doc) ?? 0}`
    : `documents.${doc.purpose}`;
}

/**
 * The one rule for which documents an application needs, in the order the form asks for them: a copy
 * of each license (by its index in `licenses`), the certificate of each DEA registration (by its index
 * in `deaRegistrations`), the board certificate when there is a board certification, the malpractice
 * certificate and the CV.
 * (DEA and board sections are only allowed for professions that have them; the contract says so.)
 * The contract's refinement and the form (missing uploads, the request's document list, the review)
 * all derive from this.
 */
export function requiredDocumentSlots(application: DocumentSlotSource): RequiredDocumentSlot[] {
  const slots: RequiredDocumentSlot[] = application.licenses.map((license, licenseIndex) => {
    const state = license.state || 'state';
    return {
      purpose: 'license',
      licenseIndex,
      path: `documents.license.${licenseIndex}`,
      missing: `Upload a copy of your ${state} license.`,
      duplicate: `Upload only one copy of your ${state} license.`,
    };
  });
  (application.deaRegistrations ?? []).forEach((registration, deaIndex) => {
    const state = registration.state ? `${registration.state} ` : '';
    slots.push({
      purpose: 'dea',
      deaIndex,
      path: `documents.dea.${deaIndex}`,
      missing: `Upload the certificate of your ${state}DEA registration.`,
      duplicate: `Upload only one certificate of your ${state}DEA registration.`,
    });
  });
  if (application.boardCertification !== undefined) {
    slots.push({
      purpose: 'board',
      path: 'documents.board',
      missing: 'Upload your board certificate.',
      duplicate: 'Upload only one board certificate.',
    });
  }
  slots.push(
    {
      purpose: 'malpractice',
      path: 'documents.malpractice',
      missing: 'Upload your malpractice insurance certificate.',
      duplicate: 'Upload only one malpractice insurance certificate.',
    },
    {
      purpose: 'cv',
      path: 'documents.cv',
      missing: 'Upload your CV.',
      duplicate: 'Upload only one CV.',
    },
  );
  return slots;
}

/** What to say about a document whose section the application does not have. */
const outOfPlaceDocument: Record<'dea' | 'board', string> = {
  dea: 'Remove the DEA certificate, or add your DEA registration.',
  board: 'Remove the board certificate, or add your board certification.',
};

// ---------------------------------------------------------------------------------------------------
// Board certification

/**
 * How a board certification lasts: a time-limited one has an expiry date; a lifetime certificate
 * (issued before the boards moved to time-limited ones) and a continuous one (kept current through
 * ongoing maintenance, with no end date on the certificate) have none.
 */
export const boardCertificationKinds = {
  'time-limited': 'Time-limited: it has an expiry date',
  lifetime: 'Lifetime: it never expires',
  continuous: 'Continuous: kept current through ongoing maintenance, with no expiry date',
} as const;
export type BoardCertificationKind = keyof typeof boardCertificationKinds;
export const boardCertificationKindCodes = Object.keys(boardCertificationKinds) as [
  BoardCertificationKind,
  ...BoardCertificationKind[],
];

// ---------------------------------------------------------------------------------------------------
// Work history gaps

/** Gaps longer than this many whole months need an explanation (the usual credentialing rule). */
export const MAX_UNEXPLAINED_GAP_MONTHS = 6;

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Months since year 0, so two YYYY-MM months can be subtracted. */
function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export interface WorkHistoryGap {
  /** Index (in the list as given) of the job that follows the gap, or null for a gap that runs up to today. */
  beforeJobIndex: number | null;
  /** Whole calendar months with no job. */
  months: number;
}

/**
 * The gaps of more than {@link MAX_UNEXPLAINED_GAP_MONTHS} months in a work history: between jobs
 * (sorted by start month) and between the last job's end and today. A gap counts the whole months
 * strictly between the last month worked and the next month worked (or the current month), so a job
 * ending in January and the next starting in September leave a 7-month gap. Overlapping jobs and a
 * current job (no end month) cover the time they span. Entries with malformed months are skipped, so
 * the form can call this on a half-filled list.
 */
export function findWorkHistoryGaps(
  jobs: readonly { startMonth: string; endMonth?: string | undefined }[],
  today: string = isoDateToday(),
): WorkHistoryGap[] {
  const currentMonth = monthNumber(today);
  const sorted = jobs
    .map((job, index) => ({ job, index }))
    .filter(
      ({ job }) => MONTH_PATTERN.test(job.startMonth) && (!job.endMonth || MONTH_PATTERN.test(job.endMonth)),
    )
    .map(({ job, index }) => ({
      index,
      start: monthNumber(job.startMonth),
      // A current job covers everything up to this month.
      end: job.endMonth ? monthNumber(job.endMonth) : currentMonth,
    }))
    .sort((a, b) => a.start - b.start);

  const gaps: WorkHistoryGap[] = [];
  let lastWorked: number | undefined;
  for (const { index, start, end } of sorted) {
    if (lastWorked !== undefined) {
      const months = start - lastWorked - 1;
      if (months > MAX_UNEXPLAINED_GAP_MONTHS) gaps.push({ beforeJobIndex: index, months });
    }
    lastWorked = Math.max(lastWorked ?? end, end);
  }
  if (lastWorked !== undefined) {
    const months = currentMonth - lastWorked - 1;
    if (months > MAX_UNEXPLAINED_GAP_MONTHS) gaps.push({ beforeJobIndex: null, months });
  }
  return gaps;
}

// ---------------------------------------------------------------------------------------------------
// The application

export const MAX_LICENSES = 20;
/** A DEA registration is per state, so at most one a state (and as many as licenses, at most). */
export const MAX_DEA_REGISTRATIONS = 20;
export const MAX_SPECIALTIES = 10;
export const MAX_JOBS = 30;

/** Free text that reaches a page or an email: see `plainText`. */
const requiredText = (message: string, max = 200) =>
  plainText({ error: message }).min(1, message).max(max, `This must be ${max} characters or fewer.`);

const usStateSchema = (message: string) =>
  z
    .string({ error: message })
    .refine(isUsStateCode, message)
    .transform((s) => s as UsStateCode);

const isoDateSchema = (message: string) =>
  z
    .string({ error: message })
    .min(1, message)
    .pipe(z.iso.date({ error: 'Enter a real date as YYYY-MM-DD.' }));

const monthSchema = (message: string) =>
  z.string({ error: message }).trim().regex(MONTH_PATTERN, `${message} Use YYYY-MM, like 2021-09.`);

const explanationSchema = plainText({ multiline: true })
  .max(1000, 'Keep the explanation to 1000 characters or fewer.')
  .optional();

/**
 * A name as typed, tidied the way a person would write it on a form: spaces trimmed and collapsed,
 * stray commas or semicolons at either end dropped, and a name typed all in lower case capitalised
 * (`wei chen ,` → `Wei Chen`). A name with any capital letter is kept as typed (`McDonald`, `van Dyk`).
 */
export function tidyName(name: string): string {
  const tidied = name.replace(/\s+/g, ' ').replace(/^[\s,;]+|[\s,;]+$/g, '');
  if (tidied !== tidied.toLowerCase()) return tidied;
  return tidied.replace(
    /(^|[\s'-])(\p{Ll})/gu,
    (_match, before: string, letter: string) => before + letter.toUpperCase(),
  );
}

/** Compares a typed signature with the legal name: case-insensitive, runs of whitespace count as one space. */
function normalizeName(name: string): string {
  return tidyName(name).toLowerCase();
}

function listStateNames(states: readonly UsStateCode[]): string {
  return states.map((state) => usStates[state]).join(', ');
}

/**
 * Runs a cross-field check as soon as the fields it reads have parsed, even if other fields failed,
 * so the form shows every problem at once instead of one layer at a time. An unknown key leaves the
 * known fields parsed, so it does not hold the checks back.
 */
function whenParsed(...fields: string[]) {
  return {
    when: (payload: z.core.ParsePayload) =>
      !payload.issues.some(
        (issue) =>
          issue.continue !== true &&
          issue.code !== 'unrecognized_keys' &&
          (!issue.path?.length || fields.includes(String(issue.path[0]))),
      ),
  };
}

/**
 * The whole clinician application, built for the states the service covers (at least one license must
 * be in one of them). `today` (YYYY-MM-DD) pins the date expiry, gap and signature checks use; without
 * it they use the UTC date at the time of parsing, so a long-lived schema never goes stale.
 *
 * Issues about missing or extra documents use the paths `documents.license.<licenseIndex>`,
 * `documents.cv`, `documents.malpractice`, `documents.dea` and `documents.board`: one per upload slot.
 */
export function makeClinicianApplicationSchema(servedStates: readonly UsStateCode[], today?: string) {
  const served = new Set<string>(servedStates);
  const todayOf = () => today ?? isoDateToday();

  const futureDateSchema = (missing: string, expired: string) =>
    isoDateSchema(missing).refine((date) => date > todayOf(), expired);

  const licenseSchema = strictObject(
    {
      state: usStateSchema('Choose the state that issued this license.'),
      number: requiredText('Enter the license number.', 40),
      expiresOn: futureDateSchema('Enter the date this license expires.', 'This license has expired.'),
    },
    'Enter the details of this license.',
  );

  const licensesSchema = z
    .array(licenseSchema, { error: 'Add at least one state license.' })
    .min(1, 'Add at least one state license.')
    .max(MAX_LICENSES, `You can add up to ${MAX_LICENSES} licenses.`)
    .superRefine((licenses, ctx) => {
      // An empty list already has its own issue.
      if (licenses.length > 0 && !licenses.some((license) => served.has(license.state))) {
        ctx.addIssue({
          code: 'custom',
          message: `Add a license in a state we serve: ${listStateNames(servedStates)}.`,
        });
      }
      const seen = new Set<string>();
      licenses.forEach((license, i) => {
        if (seen.has(license.state)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'state'],
            message: `You have already added a license for ${usStates[license.state]}.`,
          });
        }
        seen.add(license.state);
      });
    });

  const deaRegistrationSchema = strictObject(
    {
      number: z
        .string({ error: 'Enter the DEA number.' })
        .transform(normalizeDeaNumber)
        .refine(isValidDeaNumber, 'Enter a valid DEA number: 2 letters and 7 digits, like AB1234563.'),
      state: usStateSchema('Choose the state of this DEA registration.'),
      expiresOn: futureDateSchema(
        'Enter the date this registration expires.',
        'This DEA registration has expired.',
      ),
    },
    'Enter the details of this DEA registration.',
  );

  const deaRegistrationsSchema = z
    .array(deaRegistrationSchema, { error: 'Add your DEA registrations, or leave them out.' })
    .min(1, 'Add your DEA registration, or say you have none.')
    .max(MAX_DEA_REGISTRATIONS, `You can add up to ${MAX_DEA_REGISTRATIONS} DEA registrations.`)
    .superRefine((registrations, ctx) => {
      // DEA registration is per state: one a state.
      const seen = new Set<string>();
      registrations.forEach((registration, i) => {
        if (seen.has(registration.state)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'state'],
            message: `You have already added a DEA registration for ${usStates[registration.state]}.`,
          });
        }
        seen.add(registration.state);
      });
    });

  const boardCertificationSchema = strictObject(
    {
      board: requiredText('Enter the certifying board.'),
      certificate: requiredText('Enter the certificate or specialty.'),
      kind: z.enum(boardCertificationKindCodes, {
        error: 'Choose whether this certification has an expiry date.',
      }),
      /** Only for a time-limited certification; lifetime and continuous ones have none. */
      expiresOn: futureDateSchema(
        'Enter the date this certification expires.',
        'This certification has expired.',
      ).optional(),
    },
    'Enter your board certification, or leave it out.',
  ).superRefine((board, ctx) => {
    if (board.kind === 'time-limited' && board.expiresOn === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiresOn'],
        message: 'Enter the date this certification expires.',
      });
    }
    if (board.kind !== 'time-limited' && board.expiresOn !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiresOn'],
        message: `A ${board.kind} certification has no expiry date. Leave it out.`,
      });
    }
  });

  const jobSchema = strictObject({
    employer: requiredText('Enter the employer.'),
    role: requiredText('Enter your role.'),
    startMonth: monthSchema('Enter the month you started.'),
    /** Leave out for your current job. */
    endMonth: monthSchema('Enter the month you left.').optional(),
    /** Needed when there is a gap of more than 6 months before this job; see `findWorkHistoryGaps`. */
    gapBeforeExplanation: explanationSchema,
  }).superRefine((job, ctx) => {
    // Malformed months already have their own issue.
    if (!MONTH_PATTERN.test(job.startMonth) || (job.endMonth && !MONTH_PATTERN.test(job.endMonth))) return;
    const currentMonth = todayOf().slice(0, 7);
    if (job.startMonth > currentMonth) {
      ctx.addIssue({
        code: 'custom',
        path: ['startMonth'],
        message: 'The start month cannot be in the future.',
      });
    }
    if (job.endMonth !== undefined && job.endMonth > currentMonth) {
      ctx.addIssue({
        code: 'custom',
        path: ['endMonth'],
        message: 'The end month cannot be in the future. Leave it out for your current job.',
      });
    }
    if (job.endMonth !== undefined && job.endMonth < job.startMonth) {
      ctx.addIssue({
        code: 'custom',
        path: ['endMonth'],
        message: 'The end month cannot be before the start month.',
      });
    }
  });

  return strictObject({
    /** Names the S3 prefix the documents were uploaded under. */
    draftId: z.uuid({ error: 'This application draft is not valid. Reload the page and try again.' }),
    /** Chosen by the browser once per draft, so a double submit creates one application. */
    idempotencyKey: z.uuid({ error: 'This form is out of date. Reload the page and try again.' }),

    legalFirstName: requiredText('Enter your legal first name.', 100).overwrite(tidyName),
    legalLastName: requiredText('Enter your legal last name.', 100).overwrite(tidyName),
    email: emailSchema,
    phone: phoneSchema,
    practiceAddress: strictObject(
      {
        line1: requiredText('Enter the street address of your practice.'),
        line2: plainText().max(200, 'This must be 200 characters or fewer.').optional(),
        city: requiredText('Enter the city.', 100),
        state: usStateSchema('Choose the state.'),
        postalCode: z
          .string({ error: 'Enter the ZIP code.' })
          .trim()
          .regex(/^\d{5}(-\d{4})?$/, 'Enter a 5-digit ZIP code, like 94103 or 94103-1234.'),
      },
      'Enter the address of your practice.',
    ),

    profession: z.enum(professionCodes, { error: 'Choose your profession.' }),
    specialties: z
      .array(requiredText('Enter a specialty.', 100), { error: 'Add at least one specialty.' })
      .min(1, 'Add at least one specialty.')
      .max(MAX_SPECIALTIES, `You can list up to ${MAX_SPECIALTIES} specialties.`),
    npi: z
      .string({ error: 'Enter your 10-digit NPI.' })
      .trim()
      .min(1, { error: 'Enter your 10-digit NPI.', abort: true })
      .regex(/^\d{10}$/, { error: 'Enter your 10-digit NPI: 10 digits, like 1234567893.', abort: true })
      // Ten digits that fail the check digit are almost always a typo; say so, not "invalid".
      .refine(isValidNpi, "The check digit doesn't match; check for a typo."),

    licenses: licensesSchema,
    /** One a state: DEA registration is per state. Left out when the clinician has none. */
    deaRegistrations: deaRegistrationsSchema.optional(),
    boardCertification: boardCertificationSchema.optional(),
    malpractice: strictObject(
      {
        carrier: requiredText('Enter your malpractice insurance carrier.'),
        policyNumber: requiredText('Enter the policy number.', 100),
        perClaimCoverageUsd: z
          .number({ error: 'Enter the per-claim coverage in US dollars.' })
          .int('Enter whole dollars.')
          .positive('Enter the per-claim coverage in US dollars.'),
        aggregateCoverageUsd: z
          .number({ error: 'Enter the aggregate coverage in US dollars.' })
          .int('Enter whole dollars.')
          .positive('Enter the aggregate coverage in US dollars.'),
        expiresOn: futureDateSchema('Enter the date this policy expires.', 'This policy has expired.'),
      },
      'Enter your malpractice insurance.',
    ).refine((m) => m.aggregateCoverageUsd >= m.perClaimCoverageUsd, {
      path: ['aggregateCoverageUsd'],
      message: 'The aggregate coverage cannot be less than the per-claim coverage.',
    }),

    workHistory: z
      .array(jobSchema, { error: 'Add your work history.' })
      .min(1, 'Add your work history.')
      .max(MAX_JOBS, `You can add up to ${MAX_JOBS} jobs. List the most recent ones.`),
    /** Needed when more than 6 months have passed since your last job ended. */
    currentGapExplanation: explanationSchema,

    documents: z
      .array(documentRefSchema, { error: 'Upload your documents.' })
      .max(
        MAX_LICENSES + MAX_DEA_REGISTRATIONS + 3,
        'There are too many documents. Remove the ones not asked for.',
      ),

    attestations: strictObject(
      {
        truthful: z.literal(true, { error: 'Confirm that the information you gave is true and complete.' }),
        consentToVerification: z.literal(true, { error: 'You must allow us to verify your credentials.' }),
      },
      'Confirm the statements above.',
    ),
    signature: strictObject(
      {
        typedName: requiredText('Type your full legal name to sign.'),
        signedOn: isoDateSchema("Enter today's date.").refine(
          (date) => date === todayOf(),
          "Sign with today's date.",
        ),
      },
      'Type your full legal name to sign.',
    ),
  })
    .superRefine(
      (app, ctx) => {
        const details = professions[app.profession];
        if (app.deaRegistrations && !details.dea) {
          ctx.addIssue({
            code: 'custom',
            path: ['deaRegistrations'],
            message: `DEA registration does not apply to a ${details.label}. Remove it.`,
          });
        }
        if (app.boardCertification && !details.boardCertification) {
          ctx.addIssue({
            code: 'custom',
            path: ['boardCertification'],
            message: `Board certification does not apply to a ${details.label}. Remove it.`,
          });
        }
      },
      whenParsed('profession', 'deaRegistrations', 'boardCertification'),
    )
    .superRefine(
      (app, ctx) => {
        for (const gap of findWorkHistoryGaps(app.workHistory, todayOf())) {
          const needsExplanation =
            gap.beforeJobIndex === null
              ? !app.currentGapExplanation
              : !app.workHistory[gap.beforeJobIndex]?.gapBeforeExplanation;
          if (!needsExplanation) continue;
          ctx.addIssue(
            gap.beforeJobIndex === null
              ? {
                  code: 'custom',
                  path: ['currentGapExplanation'],
                  message: `Explain the gap of ${gap.months} months since your last job.`,
                }
              : {
                  code: 'custom',
                  path: ['workHistory', gap.beforeJobIndex, 'gapBeforeExplanation'],
                  message: `Explain the gap of ${gap.months} months before this job.`,
                },
          );
        }
      },
      whenParsed('workHistory', 'currentGapExplanation'),
    )
    .superRefine(
      (app, ctx) => {
        const issue = (path: (string | number)[], message: string) =>
          ctx.addIssue({ code: 'custom', path: ['documents', ...path], message });
        const required = requiredDocumentSlots(app);
        for (const slot of required) {
          const n = app.documents.filter(
            (doc) => doc.purpose === slot.purpose && slotIndexOf(doc) === slotIndexOf(slot),
          ).length;
          const path = documentSlotPath(slot).split('.').slice(1);
          if (n === 0) issue(path, slot.missing);
          if (n > 1) issue(path, slot.duplicate);
        }
        // A license copy names the license it is a copy of, a DEA certificate its registration.
        app.documents.forEach((doc, j) => {
          if (doc.purpose === 'license') {
            if (doc.licenseIndex === undefined || doc.licenseIndex >= app.licenses.length) {
              issue([j, 'licenseIndex'], 'Choose which license this document is a copy of.');
            }
          } else if (doc.purpose === 'dea' && app.deaRegistrations) {
            if (doc.deaIndex === undefined || doc.deaIndex >= app.deaRegistrations.length) {
              issue([j, 'deaIndex'], 'Choose which DEA registration this certificate is for.');
            }
          }
        });
        // Documents for a section the application does not have are out of place.
        const needed = new Set(required.map((slot) => slot.purpose));
        for (const purpose of ['dea', 'board'] as const) {
          if (!needed.has(purpose) && app.documents.some((doc) => doc.purpose === purpose)) {
            issue([purpose], outOfPlaceDocument[purpose]);
          }
        }
      },
      whenParsed('licenses', 'deaRegistrations', 'boardCertification', 'documents'),
    )
    .superRefine(
      (app, ctx) => {
        const legalName = tidyName(`${app.legalFirstName} ${app.legalLastName}`);
        // An empty name already has its own issue.
        if (app.signature.typedName && normalizeName(app.signature.typedName) !== normalizeName(legalName)) {
          ctx.addIssue({
            code: 'custom',
            path: ['signature', 'typedName'],
            // Names the name expected, so a person who typed a nickname or a middle name sees why.
            message: `Type your legal name as you gave it: ${legalName}.`,
          });
        }
      },
      {
        // The message repeats the legal name, so only a name with no problem of its own (a hidden
        // text-direction character, say) is checked against, and echoed.
        when: (payload) =>
          whenParsed('legalFirstName', 'legalLastName', 'signature').when(payload) &&
          !payload.issues.some((issue) =>
            ['legalFirstName', 'legalLastName'].includes(String(issue.path?.[0])),
          ),
      },
    );
}

export type ClinicianApplicationSchema = ReturnType<typeof makeClinicianApplicationSchema>;
export type ClinicianApplicationInput = z.input<ClinicianApplicationSchema>;
export type ClinicianApplication = z.output<ClinicianApplicationSchema>;

export { type ClinicianApplicationStatus, clinicianApplicationStatuses } from './statuses';

/** The answers as stored: the contract's output less what the record keeps elsewhere. */
export type StoredApplicationAnswers = Omit<
  ClinicianApplication,
  'documents' | 'idempotencyKey' | 'draftId' | 'email'
>;

export {
  type ClinicianApplicationAccepted,
  clinicianApplicationAcceptedSchema,
} from '../response-schemas';
