import { type FieldIssue, firstIssueByPath } from '@telehealth/contracts';

export const steps = [
  // The email is proven with a code before anything else; later steps show it read-only.
  { id: 'email', title: 'Confirm your email', prefixes: ['email'] },
  {
    id: 'identity',
    title: 'Identity and contact',
    prefixes: ['legalFirstName', 'legalLastName', 'phone', 'practiceAddress'],
  },
  { id: 'profession', title: 'Profession and NPI', prefixes: ['profession', 'specialties', 'npi'] },
  { id: 'licenses', title: 'State licenses', prefixes: ['licenses', 'documents.license'] },
  {
    id: 'dea-board',
    title: 'DEA and board certification',
    prefixes: ['deaRegistrations', 'boardCertification', 'documents.dea', 'documents.board'],
  },
  { id: 'malpractice', title: 'Malpractice insurance', prefixes: ['malpractice', 'documents.malpractice'] },
  {
    id: 'work-history',
    title: 'Work history and CV',
    prefixes: ['workHistory', 'currentGapExplanation', 'documents.cv'],
  },
  { id: 'attestations', title: 'Attestations and signature', prefixes: ['attestations', 'signature'] },
  // Everything else (draftId, idempotencyKey, the document list as a whole) is shown on the review step.
  { id: 'review', title: 'Review and submit', prefixes: [] },
] as const satisfies readonly { id: string; title: string; prefixes: readonly string[] }[];

export type StepId = (typeof steps)[number]['id'];

/** The position of a step, by its id. */
export function stepIndex(id: StepId): number {
  return steps.findIndex((step) => step.id === id);
}

export const EMAIL_STEP = stepIndex('email');
export const IDENTITY_STEP = stepIndex('identity');
export const REVIEW_STEP = steps.length - 1;

/** "Step 1 of 9". */
export function stepLabel(index: number): string {
  return `Step ${index + 1} of ${steps.length}`;
}

/** The id of the heading every step shows (focused when the form moves to a step). */
export const HEADING_ID = 'ca-step-heading';

/** Whether `path` is `prefix` or lies under it: `licenses.0.state` is under `licenses` and `licenses.0`. */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}

/** The step whose fields an issue path belongs to. */
export function stepOfPath(path: string): number {
  const index = steps.findIndex((step) =>
    (step.prefixes as readonly string[]).some((prefix) => isUnder(path, prefix)),
  );
  return index === -1 ? REVIEW_STEP : index;
}

/** DOM id of the control for a contract path: `licenses.0.state` → `ca-licenses-0-state`. */
export function fieldId(path: string): string {
  return `ca-${path.replace(/\./g, '-')}`;
}

const pathsWithControls = [
  /^(legalFirstName|legalLastName|email|phone|profession|specialties|npi|currentGapExplanation)$/,
  /^practiceAddress\.(line1|line2|city|state|postalCode)$/,
  /^licenses\.\d+\.(state|number|expiresOn)$/,
  /^deaRegistrations\.\d+\.(number|state|expiresOn)$/,
  /^boardCertification\.(board|certificate|kind|expiresOn)$/,
  /^malpractice\.(carrier|policyNumber|perClaimCoverageUsd|aggregateCoverageUsd|expiresOn)$/,
  /^workHistory\.\d+\.(employer|role|startMonth|endMonth|gapBeforeExplanation)$/,
  /^documents\.(cv|malpractice|board|license\.\d+|dea\.\d+)$/,
  /^attestations\.(truthful|consentToVerification)$/,
  /^signature\.typedName$/,
];

/** The control an error summary entry links to, or undefined when no single control holds the path. */
export function controlIdFor(path: string): string | undefined {
  return pathsWithControls.some((pattern) => pattern.test(path)) ? fieldId(path) : undefined;
}

/**
 * Puts issue paths where the form shows them: every specialty on the one specialties box, and a
 * document referred to by its position in the request (`documents.3`, `documents.3.key`) on its
 * upload slot (`documents.cv`, `documents.license.0`).
 */
export function normalizeIssuePath(path: string, documentPaths: readonly string[]): string {
  if (isUnder(path, 'specialties')) return 'specialties';
  const match = /^documents\.(\d+)(\.|$)/.exec(path);
  if (match) return documentPaths[Number(match[1])] ?? 'documents';
  return path;
}

/** First message per (normalised) path. */
export function issuesByPath(
  issues: readonly FieldIssue[],
  documentPaths: readonly string[],
): Record<string, string> {
  return firstIssueByPath(
    issues.map((issue) => ({ ...issue, path: normalizeIssuePath(issue.path, documentPaths) })),
  );
}

export function pickStep(errors: Readonly<Record<string, string>>, step: number): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => stepOfPath(path) === step));
}

export function omitStep(errors: Readonly<Record<string, string>>, step: number): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => stepOfPath(path) !== step));
}

/** The earliest step with an issue, or undefined when there is none. */
export function firstStepWithIssue(errors: Readonly<Record<string, string>>): number | undefined {
  const found = Object.keys(errors).map(stepOfPath);
  return found.length ? Math.min(...found) : undefined;
}
