import {
  documentPurposeLabels,
  isUsStateCode,
  normalizeDeaNumber,
  professions,
  stateName,
  tidyName,
} from '@telehealth/contracts';
import type { ReactNode } from 'react';
import {
  type ApplicationDraft,
  documentSlotsOf,
  parseSpecialties,
  parseUsd,
  professionOf,
  type StoredDocument,
  sectionsFor,
  workHistoryGaps,
} from '../draft';
import { type StepId, stepIndex, steps } from '../step-definitions';
import { formatIsoDate, formatMonth, type StepProps } from '../step-props';
import { formatBytes } from '../uploads';

export interface ReviewStepProps extends StepProps {
  onEdit: (step: number) => void;
}

const notGiven = <span className="text-slate-600">Not given</span>;

function stateLabel(code: string): string {
  return isUsStateCode(code) ? stateName(code) : code;
}

function usd(text: string): string {
  const value = parseUsd(text);
  return value === undefined || Number.isNaN(value)
    ? text
    : value.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-semibold text-slate-700">{term}</dt>
      <dd className="mt-0.5 break-words text-slate-900 sm:col-span-2 sm:mt-0">{children || notGiven}</dd>
    </div>
  );
}

function Section({
  id,
  onEdit,
  children,
}: {
  id: StepId;
  onEdit: (step: number) => void;
  children: ReactNode;
}) {
  const step = stepIndex(id);
  const title = steps[step]?.title ?? '';
  const headingId = `ca-review-${id}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 p-4 sm:p-5">
      <div className="flex items-start justify-between gap-4">
        <h3 id={headingId} className="text-lg font-semibold text-slate-900">
          {title}
        </h3>
        <button
          type="button"
          className="inline-flex min-h-11 min-w-11 shrink-0 items-center justify-center rounded-md px-3 text-sm font-semibold text-brand-700 underline underline-offset-2 hover:bg-brand-50 hover:no-underline"
          onClick={() => onEdit(step)}
        >
          Edit<span className="sr-only"> {title}</span>
        </button>
      </div>
      <dl className="mt-2 divide-y divide-slate-100">{children}</dl>
    </section>
  );
}

/** The documents the application will send, in the order of the form. */
export function documentsToSend(draft: ApplicationDraft): { label: string; document: StoredDocument }[] {
  return documentSlotsOf(draft).flatMap(({ purpose, licenseIndex, deaIndex, document }) => {
    if (!document) return [];
    const state =
      licenseIndex !== undefined
        ? draft.licenses[licenseIndex]?.state
        : deaIndex !== undefined
          ? draft.deaRegistrations[deaIndex]?.state
          : undefined;
    const label = `${documentPurposeLabels[purpose]}${state ? ` (${stateLabel(state)})` : ''}`;
    return [{ label, document }];
  });
}

/** A board certification's lasting, as the review says it. */
function boardExpiry(board: ApplicationDraft['boardCertification']): string {
  if (board.kind === 'lifetime') return 'lifetime, no expiry date';
  if (board.kind === 'continuous') return 'continuous certification, no expiry date';
  return `expires ${formatIsoDate(board.expiresOn)}`;
}

export function ReviewStep(props: ReviewStepProps) {
  const { draft, onEdit, today } = props;
  const profession = professionOf(draft);
  const sections = sectionsFor(draft);
  const address = draft.practiceAddress;
  const gaps = workHistoryGaps(draft, today || undefined);
  const gapBefore = new Set(gaps.map((gap) => gap.beforeJobIndex));
  const documents = documentsToSend(draft);

  return (
    <>
      <p className="text-slate-700">
        Check your answers. Use &ldquo;Edit&rdquo; to change a section; your answers and uploads are kept.
      </p>
      <div className="mt-5 space-y-5">
        <Section id="identity" onEdit={onEdit}>
          <Item term="Legal name">{tidyName(`${draft.legalFirstName} ${draft.legalLastName}`)}</Item>
          <Item term="Email">{draft.email}</Item>
          <Item term="Mobile phone">{draft.phone}</Item>
          <Item term="Practice address">
            {address.line1 ? (
              <>
                {address.line1}
                {address.line2 ? <>, {address.line2}</> : null}
                <br />
                {address.city}, {address.state} {address.postalCode}
              </>
            ) : null}
          </Item>
        </Section>

        <Section id="profession" onEdit={onEdit}>
          <Item term="Profession">{profession ? professions[profession].label : ''}</Item>
          <Item term="Specialties">{parseSpecialties(draft.specialties).join(', ')}</Item>
          <Item term="NPI">{draft.npi}</Item>
        </Section>

        <Section id="licenses" onEdit={onEdit}>
          {draft.licenses.map((license, index) => (
            <Item key={license.id} term={`License ${index + 1}`}>
              {license.state || license.number ? (
                <>
                  {stateLabel(license.state)}, number {license.number}, expires{' '}
                  {formatIsoDate(license.expiresOn)}
                </>
              ) : null}
            </Item>
          ))}
        </Section>

        <Section id="dea-board" onEdit={onEdit}>
          {sections.dea && draft.hasDea ? (
            draft.deaRegistrations.map((registration, index) => (
              <Item
                key={registration.id}
                term={
                  draft.deaRegistrations.length > 1 ? `DEA registration ${index + 1}` : 'DEA registration'
                }
              >
                {`${stateLabel(registration.state)}: ${normalizeDeaNumber(registration.number)}, expires ${formatIsoDate(registration.expiresOn)}`}
              </Item>
            ))
          ) : (
            <Item term="DEA registration">{sections.dea ? 'None' : 'Does not apply to your profession'}</Item>
          )}
          <Item term="Board certification">
            {!sections.board
              ? 'Does not apply to your profession'
              : draft.hasBoardCertification
                ? `${draft.boardCertification.board}: ${draft.boardCertification.certificate}, ${boardExpiry(draft.boardCertification)}`
                : 'None'}
          </Item>
        </Section>

        <Section id="malpractice" onEdit={onEdit}>
          <Item term="Carrier">{draft.malpractice.carrier}</Item>
          <Item term="Policy number">{draft.malpractice.policyNumber}</Item>
          <Item term="Coverage">
            {draft.malpractice.perClaimCoverageUsd
              ? `${usd(draft.malpractice.perClaimCoverageUsd)} per claim, ${usd(draft.malpractice.aggregateCoverageUsd)} aggregate`
              : ''}
          </Item>
          <Item term="Expires">{formatIsoDate(draft.malpractice.expiresOn)}</Item>
        </Section>

        <Section id="work-history" onEdit={onEdit}>
          {draft.workHistory.map((job, index) => (
            <Item key={job.id} term={`Job ${index + 1}`}>
              {job.employer || job.role ? (
                <>
                  {job.role}, {job.employer}: {formatMonth(job.startMonth)} to{' '}
                  {job.current ? 'now' : formatMonth(job.endMonth)}
                  {gapBefore.has(index) && job.gapBeforeExplanation.trim() ? (
                    <span className="mt-1 block text-sm text-slate-700">
                      Gap before this job: {job.gapBeforeExplanation}
                    </span>
                  ) : null}
                </>
              ) : null}
            </Item>
          ))}
          {gapBefore.has(null) ? (
            <Item term="Gap since your last job">{draft.currentGapExplanation}</Item>
          ) : null}
        </Section>

        <Section id="attestations" onEdit={onEdit}>
          <Item term="Attestations">
            {draft.attestations.truthful && draft.attestations.consentToVerification
              ? 'Both confirmed'
              : 'Not confirmed yet'}
          </Item>
          <Item term="Signed by">
            {draft.signatureName.trim()
              ? `${tidyName(draft.signatureName)}, ${today ? formatIsoDate(today) : ''}`
              : ''}
          </Item>
        </Section>

        <section
          aria-labelledby="ca-review-documents"
          className="rounded-lg border border-slate-200 p-4 sm:p-5"
        >
          <h3 id="ca-review-documents" className="text-lg font-semibold text-slate-900">
            Documents
          </h3>
          {documents.length ? (
            <ul className="mt-2 divide-y divide-slate-100">
              {documents.map(({ label, document }) => (
                <li key={document.key} className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
                  <span className="text-sm font-semibold text-slate-700">{label}</span>
                  <span className="mt-0.5 block break-all text-slate-900 sm:col-span-2 sm:mt-0">
                    {document.fileName} ({formatBytes(document.size)})
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-slate-600">No documents uploaded yet.</p>
          )}
        </section>
      </div>
    </>
  );
}
