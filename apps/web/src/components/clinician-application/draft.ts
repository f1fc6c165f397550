import {
  type ClinicianApplicationInput,
  type DocumentPurpose,
  type DocumentRef,
  documentRefSchema,
  findWorkHistoryGaps,
  type Profession,
  professionCodes,
  professions,
  type RequiredDocumentSlot,
  requiredDocumentSlots,
  type WorkHistoryGap,
} from '@telehealth/contracts';
import { z } from 'zod';

/**
 * The application as typed, saved to localStorage on every change so a reload (or coming back
 * later in the same browser) resumes where the clinician left off. Values stay raw strings here;
 * `toApplicationPayload` turns them into the contract's shape and the contract does the checking.
 */

export interface LicenseDraft {
  /** Stable across add/remove, so a license keeps its uploaded copy; not sent to the server. */
  id: string;
  state: string;
  number: string;
  expiresOn: string;
}

/** One DEA registration (they are per state). */
export interface DeaDraft {
  /** Stable across add/remove, so a registration keeps its uploaded certificate; not sent to the server. */
  id: string;
  state: string;
  number: string;
  expiresOn: string;
}

export interface JobDraft {
  id: string;
  employer: string;
  role: string;
  startMonth: string;
  endMonth: string;
  current: boolean;
  gapBeforeExplanation: string;
}

/** An uploaded document as kept in the draft: its slot says which license or DEA registration it belongs to. */
export type StoredDocument = Omit<DocumentRef, 'licenseIndex' | 'deaIndex'>;

/** `cv`, `malpractice`, `board`, `license:<license id>` or `dea:<registration id>`: one upload each. */
export type DocumentSlot =
  | Exclude<DocumentPurpose, 'license' | 'dea'>
  | `license:${string}`
  | `dea:${string}`;

export interface ApplicationDraft {
  version: 2;
  /** Empty until the browser creates them (never during server rendering). */
  draftId: string;
  idempotencyKey: string;
  /**
   * 0-based index into `steps`: where the clinician is. Without a proof of `email` in this browser the
   * form shows the email step whatever this says, and comes back here once the email is proven.
   */
  step: number;
  /**
   * The furthest step reached: every step up to it can be gone back to (by the progress links or the
   * browser's back and forward); one past it only through Continue, which checks the step first.
   */
  furthestStep: number;
  /**
   * The email the application is for, as the server returned it when the code was confirmed (the
   * submit must send exactly the proven email). Empty until then.
   */
  email: string;
  /** The email a code was last sent to and not yet confirmed, so a reload stays on the code entry. */
  codeSentTo: string;
  legalFirstName: string;
  legalLastName: string;
  phone: string;
  practiceAddress: { line1: string; line2: string; city: string; state: string; postalCode: string };
  profession: string;
  /** As typed: one per line or separated by commas. */
  specialties: string;
  npi: string;
  licenses: LicenseDraft[];
  hasDea: boolean;
  deaRegistrations: DeaDraft[];
  hasBoardCertification: boolean;
  /** `kind` is a `BoardCertificationKind`, or empty until chosen; `expiresOn` counts only when time-limited. */
  boardCertification: { board: string; certificate: string; kind: string; expiresOn: string };
  malpractice: {
    carrier: string;
    policyNumber: string;
    perClaimCoverageUsd: string;
    aggregateCoverageUsd: string;
    expiresOn: string;
  };
  workHistory: JobDraft[];
  currentGapExplanation: string;
  documents: Partial<Record<DocumentSlot, StoredDocument>>;
  attestations: { truthful: boolean; consentToVerification: boolean };
  signatureName: string;
}

export const DRAFT_STORAGE_KEY = 'clinician-application-draft';

/** RFC 4122 v4; `crypto.randomUUID` only exists in secure contexts, so fall back to getRandomValues. */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function emptyLicense(id: string): LicenseDraft {
  return { id, state: '', number: '', expiresOn: '' };
}

export function emptyDea(id: string): DeaDraft {
  return { id, state: '', number: '', expiresOn: '' };
}

export function emptyJob(id: string): JobDraft {
  return {
    id,
    employer: '',
    role: '',
    startMonth: '',
    endMonth: '',
    current: false,
    gapBeforeExplanation: '',
  };
}

/** The same on the server and in the browser (no random ids), so the first render hydrates cleanly. */
export const initialDraft: ApplicationDraft = {
  version: 2,
  draftId: '',
  idempotencyKey: '',
  step: 0,
  furthestStep: 0,
  email: '',
  codeSentTo: '',
  legalFirstName: '',
  legalLastName: '',
  phone: '',
  practiceAddress: { line1: '', line2: '', city: '', state: '', postalCode: '' },
  profession: '',
  specialties: '',
  npi: '',
  licenses: [emptyLicense('license-1')],
  hasDea: false,
  deaRegistrations: [emptyDea('dea-1')],
  hasBoardCertification: false,
  boardCertification: { board: '', certificate: '', kind: '', expiresOn: '' },
  malpractice: {
    carrier: '',
    policyNumber: '',
    perClaimCoverageUsd: '',
    aggregateCoverageUsd: '',
    expiresOn: '',
  },
  workHistory: [emptyJob('job-1')],
  currentGapExplanation: '',
  documents: {},
  attestations: { truthful: false, consentToVerification: false },
  signatureName: '',
};

/** A fresh draft with its own S3 prefix and idempotency key, made once per application. */
export function newDraft(): ApplicationDraft {
  return { ...initialDraft, draftId: newUuid(), idempotencyKey: newUuid() };
}

export function licenseSlot(license: Pick<LicenseDraft, 'id'>): DocumentSlot {
  return `license:${license.id}`;
}

export function deaSlot(registration: Pick<DeaDraft, 'id'>): DocumentSlot {
  return `dea:${registration.id}`;
}

/** What a slot's document is for: `license:…` a license copy, `dea:…` a DEA certificate. */
export function purposeOfSlot(slot: DocumentSlot): DocumentPurpose {
  if (slot.startsWith('license:')) return 'license';
  if (slot.startsWith('dea:')) return 'dea';
  return slot as DocumentPurpose;
}

export function professionOf(draft: Pick<ApplicationDraft, 'profession'>): Profession | undefined {
  return professionCodes.find((code) => code === draft.profession);
}

/** Whether the DEA / board sections apply to the chosen profession (neither before one is chosen). */
export function sectionsFor(draft: Pick<ApplicationDraft, 'profession'>): { dea: boolean; board: boolean } {
  const profession = professionOf(draft);
  return {
    dea: profession ? professions[profession].dea : false,
    board: profession ? professions[profession].boardCertification : false,
  };
}

/** `"Psychiatry, Addiction medicine\nSleep"` → three specialties. */
export function parseSpecialties(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Whole dollars as typed (`$1,000,000`, `1 000 000`) → number; undefined when blank; NaN when not a
 * number, which the contract reports with its own message.
 */
export function parseUsd(text: string): number | undefined {
  const cleaned = text.replace(/[\s,$]/g, '');
  if (!cleaned) return undefined;
  return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

function optional(text: string): string | undefined {
  return text.trim() ? text : undefined;
}

/** The jobs as the gap rule sees them: a current job has no end month. */
function jobsForGaps(draft: Pick<ApplicationDraft, 'workHistory'>) {
  return draft.workHistory.map((job) => ({
    startMonth: job.startMonth,
    endMonth: job.current ? undefined : job.endMonth,
  }));
}

export function workHistoryGaps(
  draft: Pick<ApplicationDraft, 'workHistory'>,
  today: string | undefined,
): WorkHistoryGap[] {
  return findWorkHistoryGaps(jobsForGaps(draft), today);
}

/**
 * The contract's input as the form can build it from what was typed: the same shape, but any value
 * may be left out (a choice not yet made), an amount may be NaN and a box may be unticked. The
 * contract reports each of them with its own message, so the form never pretends (casts) otherwise.
 */
export type Typed<T> = T extends string
  ? string | undefined
  : T extends number
    ? number | undefined
    : T extends boolean
      ? boolean
      : T extends readonly (infer U)[]
        ? Typed<U>[]
        : T extends object
          ? { [K in keyof T]: Typed<T[K]> }
          : T;

/** The body of `POST /api/clinician/apply` as built from a draft, before the contract checks it. */
export type ApplicationRequest = Typed<ClinicianApplicationInput>;

/**
 * Whether the contract (`makeClinicianApplicationSchema`, with the served states) accepts the request
 * as built: only then is it the contract's input, and can be sent.
 */
export function isApplicationInput(
  schema: { safeParse(value: unknown): { success: boolean } },
  request: ApplicationRequest,
): request is ApplicationRequest & ClinicianApplicationInput {
  return schema.safeParse(request).success;
}

/** The sections the request carries: DEA and board only when the profession has them and the clinician does. */
export function includedSections(
  draft: Pick<ApplicationDraft, 'profession' | 'hasDea' | 'hasBoardCertification'>,
): {
  dea: boolean;
  board: boolean;
} {
  const sections = sectionsFor(draft);
  return { dea: sections.dea && draft.hasDea, board: sections.board && draft.hasBoardCertification };
}

/** A document slot this draft needs (from the contract's one rule), where the draft keeps it, and its upload. */
export type DraftDocumentSlot = RequiredDocumentSlot & {
  slot: DocumentSlot;
  document: StoredDocument | undefined;
};

/** The documents this draft needs, in the order the form asks for them, each with its upload if there is one. */
export function documentSlotsOf(
  draft: Pick<
    ApplicationDraft,
    | 'profession'
    | 'hasDea'
    | 'hasBoardCertification'
    | 'licenses'
    | 'deaRegistrations'
    | 'boardCertification'
    | 'documents'
  >,
): DraftDocumentSlot[] {
  const included = includedSections(draft);
  const required = requiredDocumentSlots({
    licenses: draft.licenses,
    deaRegistrations: included.dea ? draft.deaRegistrations : undefined,
    boardCertification: included.board ? draft.boardCertification : undefined,
  });
  return required.flatMap((requirement) => {
    let slot: DocumentSlot | undefined;
    if (requirement.purpose === 'license') {
      const license = draft.licenses[requirement.licenseIndex];
      slot = license && licenseSlot(license);
    } else if (requirement.purpose === 'dea') {
      const registration = draft.deaRegistrations[requirement.deaIndex];
      slot = registration && deaSlot(registration);
    } else {
      slot = requirement.purpose;
    }
    return slot ? [{ ...requirement, slot, document: draft.documents[slot] }] : [];
  });
}

export interface ApplicationPayload {
  payload: ApplicationRequest;
  /** The issue path of each entry of `payload.documents`, to map server paths like `documents.3`. */
  documentPaths: string[];
}

/**
 * The body of `POST /api/clinician/apply`. Sections that do not apply to the profession (or that the
 * clinician said they do not have) are left out, with their documents; gap explanations are sent
 * only where a gap needs one.
 */
export function toApplicationPayload(draft: ApplicationDraft, today: string): ApplicationPayload {
  const included = includedSections(draft);
  const gaps = workHistoryGaps(draft, today);
  const gapBefore = new Set(gaps.map((gap) => gap.beforeJobIndex));

  const documents: ApplicationRequest['documents'] = [];
  const documentPaths: string[] = [];
  for (const { document, path, licenseIndex, deaIndex } of documentSlotsOf(draft)) {
    if (!document) continue;
    documents.push({
      ...document,
      ...(licenseIndex === undefined ? {} : { licenseIndex }),
      ...(deaIndex === undefined ? {} : { deaIndex }),
    });
    documentPaths.push(path);
  }
  const board = draft.boardCertification;

  const m = draft.malpractice;
  const payload: ApplicationRequest = {
    draftId: draft.draftId,
    idempotencyKey: draft.idempotencyKey,
    legalFirstName: draft.legalFirstName,
    legalLastName: draft.legalLastName,
    email: draft.email,
    phone: draft.phone,
    practiceAddress: {
      line1: draft.practiceAddress.line1,
      line2: optional(draft.practiceAddress.line2),
      city: draft.practiceAddress.city,
      // Unselected is sent as missing, so the contract only asks to choose (an empty string would also
      // let the checks that read the state run, and complain about it again).
      state: draft.practiceAddress.state || undefined,
      postalCode: draft.practiceAddress.postalCode,
    },
    profession: draft.profession || undefined,
    specialties: parseSpecialties(draft.specialties),
    npi: draft.npi,
    licenses: draft.licenses.map((license) => ({
      state: license.state || undefined,
      number: license.number,
      expiresOn: license.expiresOn,
    })),
    deaRegistrations: included.dea
      ? draft.deaRegistrations.map((registration) => ({
          state: registration.state || undefined,
          number: registration.number,
          expiresOn: registration.expiresOn,
        }))
      : undefined,
    boardCertification: included.board
      ? {
          board: board.board,
          certificate: board.certificate,
          kind: board.kind || undefined,
          // A lifetime or continuous certification has no expiry date, whatever was typed before.
          ...(board.kind === 'time-limited' || !board.kind ? { expiresOn: board.expiresOn } : {}),
        }
      : undefined,
    malpractice: {
      carrier: m.carrier,
      policyNumber: m.policyNumber,
      perClaimCoverageUsd: parseUsd(m.perClaimCoverageUsd),
      aggregateCoverageUsd: parseUsd(m.aggregateCoverageUsd),
      expiresOn: m.expiresOn,
    },
    workHistory: draft.workHistory.map((job, index) => ({
      employer: job.employer,
      role: job.role,
      startMonth: job.startMonth,
      // A current job leaves the end month out (not '').
      ...(job.current ? {} : { endMonth: job.endMonth }),
      ...(gapBefore.has(index) && job.gapBeforeExplanation.trim()
        ? { gapBeforeExplanation: job.gapBeforeExplanation }
        : {}),
    })),
    currentGapExplanation:
      gapBefore.has(null) && draft.currentGapExplanation.trim() ? draft.currentGapExplanation : undefined,
    documents,
    // The contract wants literal `true`; false is sent as-is so validation reports it.
    attestations: { ...draft.attestations },
    signature: { typedName: draft.signatureName, signedOn: today },
  };
  return { payload, documentPaths };
}

// ---------------------------------------------------------------------------------------------------
// Storage

/** A stored text field: anything but a string (missing, edited by hand) reads as empty. */
const text = z.string().catch('');
/** A stored checkbox: only `true` is ticked. */
const flag = z.boolean().catch(false);

/** An object whose fields all have fallbacks: a missing or malformed one reads as all fallbacks. */
function withFallbacks<Shape extends z.ZodRawShape>(shape: Shape) {
  const schema = z.object(shape);
  return schema.catch(() => schema.parse({}));
}

/** A list whose malformed entries read as empty ones (`item` has fallbacks), and a malformed list as none. */
function listOf<T extends z.ZodType>(item: T) {
  return z.array(item).catch([]);
}

const storedLicense = withFallbacks({ id: text, state: text, number: text, expiresOn: text });
const storedDea = withFallbacks({ id: text, state: text, number: text, expiresOn: text });

const storedJob = withFallbacks({
  id: text,
  employer: text,
  role: text,
  startMonth: text,
  endMonth: text,
  current: flag,
  gapBeforeExplanation: text,
});

/**
 * The fields every stored version has. Without valid ids the draft is not restored at all (its
 * uploads live under `draftId`); every other field falls back to its empty value, and unknown ones
 * are dropped.
 */
const storedFields = {
  draftId: z.uuid(),
  idempotencyKey: z.uuid(),
  step: z.number().int().catch(0),
  furthestStep: z.number().int().catch(0),
  email: text,
  codeSentTo: text,
  legalFirstName: text,
  legalLastName: text,
  phone: text,
  practiceAddress: withFallbacks({ line1: text, line2: text, city: text, state: text, postalCode: text }),
  profession: text,
  specialties: text,
  npi: text,
  licenses: listOf(storedLicense),
  hasDea: flag,
  deaRegistrations: listOf(storedDea),
  hasBoardCertification: flag,
  boardCertification: withFallbacks({ board: text, certificate: text, kind: text, expiresOn: text }),
  malpractice: withFallbacks({
    carrier: text,
    policyNumber: text,
    perClaimCoverageUsd: text,
    aggregateCoverageUsd: text,
    expiresOn: text,
  }),
  workHistory: listOf(storedJob),
  currentGapExplanation: text,
  /** By slot; entries that are not document refs are dropped (below, with those not in a slot). */
  documents: z.record(z.string(), documentRefSchema.optional().catch(undefined)).catch({}),
  attestations: withFallbacks({ truthful: flag, consentToVerification: flag }),
  signatureName: text,
};

/**
 * Every version of the stored draft this page can read. Version 1 was saved before the email step
 * existed (no `email` proof, no `codeSentTo`, steps counted from "Identity and contact").
 */
export const storedDraftSchema = z.discriminatedUnion('version', [
  z.object({ version: z.literal(1), ...storedFields }),
  z.object({ version: z.literal(2), ...storedFields }),
]);

/**
 * A stored draft read back with {@link storedDraftSchema} (it may come from an older version of this
 * page or be edited by hand). A version 1 draft keeps its answers and moves one step on, to the same
 * page it was at; its email, never proven, is proven first like any other. Ids that repeat or are
 * missing are replaced, so each license and job keeps its own uploads and React key.
 */
export function parseStoredDraft(value: unknown, stepCount: number): ApplicationDraft | undefined {
  const parsed = storedDraftSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { version, step, furthestStep, documents: storedDocuments, ...stored } = parsed.data;
  // Migrations, oldest first.
  const currentStep = version === 1 ? step + 1 : step;
  const clamp = (n: number) => Math.min(Math.max(n, 0), stepCount - 1);

  const seen = new Set<string>();
  const uniqueId = (id: string, fallback: string) => {
    const chosen = id && !seen.has(id) ? id : `${fallback}-${newUuid()}`;
    seen.add(chosen);
    return chosen;
  };
  const licenses = stored.licenses.map((license) => ({ ...license, id: uniqueId(license.id, 'license') }));
  const deaRegistrations = stored.deaRegistrations.map((registration) => ({
    ...registration,
    id: uniqueId(registration.id, 'dea'),
  }));
  const workHistory = stored.workHistory.map((job) => ({ ...job, id: uniqueId(job.id, 'job') }));

  const slots = new Set<string>([
    'cv',
    'malpractice',
    'board',
    ...licenses.map(licenseSlot),
    ...deaRegistrations.map(deaSlot),
  ]);
  const documents: ApplicationDraft['documents'] = {};
  for (const [slot, ref] of Object.entries(storedDocuments)) {
    if (!ref || !slots.has(slot)) continue;
    const { licenseIndex: _license, deaIndex: _dea, ...doc } = ref;
    documents[slot as DocumentSlot] = doc;
  }

  return {
    ...stored,
    version: 2,
    step: clamp(currentStep),
    // A draft saved before this was kept has reached at least the step it is at.
    furthestStep: clamp(Math.max(furthestStep, currentStep)),
    licenses: licenses.length ? licenses : [emptyLicense(`license-${newUuid()}`)],
    deaRegistrations: deaRegistrations.length ? deaRegistrations : [emptyDea(`dea-${newUuid()}`)],
    workHistory: workHistory.length ? workHistory : [emptyJob(`job-${newUuid()}`)],
    documents,
  };
}

export function readStoredDraft(stepCount: number): ApplicationDraft | undefined {
  try {
    const raw = window.localStorage.getItem(DRAFT_STORAGE_KEY);
    return raw ? parseStoredDraft(JSON.parse(raw), stepCount) : undefined;
  } catch {
    return undefined;
  }
}

export function writeStoredDraft(draft: ApplicationDraft): void {
  try {
    window.localStorage.setItem(DRAFT_STORAGE_KEY, JSON.stringify(draft));
  } catch {
    // Storage may be unavailable (private mode, quota); the form still works, only without resuming.
  }
}

export function clearStoredDraft(): void {
  try {
    window.localStorage.removeItem(DRAFT_STORAGE_KEY);
  } catch {
    // See writeStoredDraft.
  }
}
