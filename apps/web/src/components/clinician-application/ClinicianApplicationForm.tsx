'use client';

import {
  clinicianApplicationAcceptedSchema,
  type DocumentPurpose,
  isoDateToday,
  makeClinicianApplicationSchema,
  toFieldIssues,
  type UsStateCode,
  type VerifiedEmail,
} from '@telehealth/contracts';
import { useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { detailsKeptMessage, unreachable } from '../form/api';
import { ErrorSummary } from '../form/fields';
import { rateLimitedMessage } from '../form/time';
import { submitApplication } from './applicant-api';
import { DocumentUpload } from './DocumentUpload';
import {
  type ApplicationDraft,
  clearStoredDraft,
  type DocumentSlot,
  documentSlotsOf,
  initialDraft,
  licenceSlot,
  newDraft,
  readStoredDraft,
  type StoredDocument,
  toApplicationPayload,
  writeStoredDraft,
} from './draft';
import { checkProof, forgetProof, isProven, proofMessages } from './email-proof';
import { StepHeader, StepProgress } from './StepProgress';
import {
  controlIdFor,
  EMAIL_STEP,
  fieldId,
  firstStepWithIssue,
  HEADING_ID,
  IDENTITY_STEP,
  issuesByPath,
  isUnder,
  omitStep,
  pickStep,
  REVIEW_STEP,
  stepOfPath,
  steps,
} from './step-definitions';
import type { DocumentSlotSpec, StepProps } from './step-props';
import { AttestationStep } from './steps/AttestationStep';
import { DeaBoardStep } from './steps/DeaBoardStep';
import { EMAIL_NOTICE_ID, EmailStep } from './steps/EmailStep';
import { IdentityStep } from './steps/IdentityStep';
import { LicencesStep } from './steps/LicencesStep';
import { MalpracticeStep } from './steps/MalpracticeStep';
import { ProfessionStep } from './steps/ProfessionStep';
import { ReviewStep } from './steps/ReviewStep';
import { WorkHistoryStep } from './steps/WorkHistoryStep';
import { useDocumentUploads } from './use-document-uploads';

export interface ClinicianApplicationFormProps {
  servedStates: readonly UsStateCode[];
  brandName: string;
}

type Errors = Record<string, string>;

type FocusTarget = { kind: 'heading' } | { kind: 'firstInvalid' } | { kind: 'id'; id: string };

type SubmitState = { kind: 'idle' } | { kind: 'submitting' } | { kind: 'failed'; message: string };

/** What this browser has proven, as far as the page knows: asked once the page is in the browser. */
type ProofState = { kind: 'checking' } | { kind: 'known'; proof: VerifiedEmail | null };

const SUMMARY_ID = 'ca-error-summary';
const SUBMIT_ALERT_ID = 'ca-submit-alert';

export const SUBMIT_FAILED = 'Something went wrong on our side; your application was not lost. Try again.';
const UPLOAD_PENDING = 'Wait for this upload to finish, or cancel it.';

function purposeOf(slot: DocumentSlot): DocumentPurpose {
  return slot.startsWith('licence:') ? 'licence' : (slot as DocumentPurpose);
}

/** The issue path of a slot in this draft, or undefined for a licence that is gone. */
function slotPath(draft: ApplicationDraft, slot: DocumentSlot): string | undefined {
  if (!slot.startsWith('licence:')) return `documents.${slot}`;
  const index = draft.licences.findIndex((licence) => licenceSlot(licence) === slot);
  return index === -1 ? undefined : `documents.licence.${index}`;
}

/**
 * Missing uploads, said per slot. The contract reports them too, but only once the licences, DEA and
 * board sections parse; this lets a step show a missing copy together with its other problems.
 */
function missingDocuments(draft: ApplicationDraft): Errors {
  return Object.fromEntries(
    documentSlotsOf(draft)
      .filter((slot) => !slot.document)
      .map((slot) => [slot.path, slot.missing]),
  );
}

/**
 * Clinician application: nine steps, the first proving the email with a code, documents uploaded as
 * they go, a draft kept in this browser. Without a proof of the draft's email (an HttpOnly cookie the
 * server reads) the form shows the email step, and comes back to where the draft was once proven.
 */
export function ClinicianApplicationForm({ servedStates, brandName }: ClinicianApplicationFormProps) {
  const router = useRouter();
  const schema = useMemo(() => makeClinicianApplicationSchema(servedStates), [servedStates]);
  const [hydrated, setHydrated] = useState(false);
  const [draft, setDraftState] = useState<ApplicationDraft>(initialDraft);
  const [today, setToday] = useState('');
  const [errors, setErrorsState] = useState<Errors>({});
  const [summaryStep, setSummaryStep] = useState<number | null>(null);
  const [submitState, setSubmitState] = useState<SubmitState>({ kind: 'idle' });
  const [cameFromReview, setCameFromReview] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ target: FocusTarget } | null>(null);
  const [proofState, setProofState] = useState<ProofState>({ kind: 'checking' });
  /** Why the email step is shown again (kept until a code is sent or the email is confirmed). */
  const [emailNotice, setEmailNotice] = useState<string>();
  // Mirrors of state for handlers that run several updates in one event, or later (uploads).
  const draftRef = useRef(draft);
  const errorsRef = useRef(errors);
  /** Paths whose error came from the server: kept until the clinician changes that field. */
  const serverPaths = useRef(new Set<string>());
  const submitting = useRef(false);
  const finished = useRef(false);
  const topRef = useRef<HTMLDivElement>(null);
  const stepRef = useRef<HTMLDivElement>(null);
  const proof = proofState.kind === 'known' ? proofState.proof : null;
  // Nothing past the email step without a proof of the draft's email; the draft keeps its own step.
  const step = isProven(draft.email, proof) ? draft.step : EMAIL_STEP;
  const ready = hydrated && proofState.kind === 'known';

  const setDraft = useCallback((next: ApplicationDraft) => {
    draftRef.current = next;
    setDraftState(next);
  }, []);
  const setErrors = useCallback((next: Errors) => {
    errorsRef.current = next;
    setErrorsState(next);
  }, []);
  const requestFocus = useCallback((target: FocusTarget) => setFocusRequest({ target }), []);

  const uploads = useDocumentUploads(draft.draftId, (slot: DocumentSlot, document: StoredDocument) => {
    const current = draftRef.current;
    setDraft({ ...current, documents: { ...current.documents, [slot]: document } });
    const path = slotPath(current, slot);
    if (path && errorsRef.current[path]) {
      const { [path]: _done, ...rest } = errorsRef.current;
      serverPaths.current.delete(path);
      setErrors(rest);
    }
  });

  // localStorage exists only in the browser: restore after hydration, so the server HTML matches.
  // Then ask whether this browser has proven the draft's email: if so, go on where the draft was.
  useEffect(() => {
    const restored = readStoredDraft(steps.length) ?? newDraft();
    setDraft(restored);
    setToday(isoDateToday());
    setHydrated(true);
    let cancelled = false;
    void checkProof().then(({ proof: found, problem }) => {
      if (cancelled) return;
      setProofState({ kind: 'known', proof: found });
      if (problem) setEmailNotice(detailsKeptMessage(problem));
      else if (restored.step > EMAIL_STEP && !isProven(restored.email, found)) {
        setEmailNotice(proofMessages.resume);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [setDraft]);

  useEffect(() => {
    if (hydrated && !finished.current) writeStoredDraft(draft);
  }, [draft, hydrated]);

  // Leaving mid-upload loses the upload (files cannot be saved): ask first.
  const uploading = Object.values(uploads.states).some((state) => state?.status === 'uploading');
  useEffect(() => {
    if (!uploading) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [uploading]);

  useEffect(() => {
    if (!focusRequest) return;
    const { target } = focusRequest;
    if (target.kind === 'heading') {
      topRef.current?.scrollIntoView?.({ block: 'start' });
      document.getElementById(HEADING_ID)?.focus({ preventScroll: true });
      return;
    }
    const element =
      target.kind === 'id'
        ? document.getElementById(target.id)
        : (stepRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
          document.getElementById(SUMMARY_ID));
    element?.focus();
    element?.scrollIntoView?.({ block: 'center' });
  }, [focusRequest]);

  /** Every problem the browser can see in a draft, by the path the form shows it at. */
  const check = useCallback(
    (d: ApplicationDraft): Errors => {
      const { payload, documentPaths } = toApplicationPayload(d, isoDateToday());
      const result = schema.safeParse(payload);
      const found = result.success ? {} : issuesByPath(toFieldIssues(result.error), documentPaths);
      for (const [path, message] of Object.entries(missingDocuments(d))) found[path] ??= message;
      for (const [slot, state] of Object.entries(uploads.states)) {
        const path = slotPath(d, slot as DocumentSlot);
        if (path && state?.status === 'uploading') found[path] = UPLOAD_PENDING;
      }
      return found;
    },
    [schema, uploads.states],
  );

  /** Errors still standing from the server (the browser cannot re-check those). */
  function serverErrors(): Errors {
    return Object.fromEntries(
      Object.entries(errorsRef.current).filter(([path]) => serverPaths.current.has(path)),
    );
  }

  function change(path: string, update: (d: ApplicationDraft) => ApplicationDraft) {
    const next = update(draftRef.current);
    setDraft(next);
    const shown = errorsRef.current;
    if (Object.keys(shown).length === 0) return;
    // Re-check the errors on show as the clinician fixes them; new ones wait for Continue.
    const fresh = check(next);
    const kept: Errors = {};
    for (const [p, message] of Object.entries(shown)) {
      if (serverPaths.current.has(p)) {
        if (isUnder(p, path) || isUnder(path, p)) serverPaths.current.delete(p);
        else kept[p] = message;
        continue;
      }
      const now = fresh[p];
      if (now) kept[p] = now;
    }
    setErrors(kept);
  }

  function blur(path: string, value: string) {
    const shown = errorsRef.current[path];
    // Don't complain about a field only tabbed through; leave server messages until the field changes.
    if ((!value.trim() && !shown) || serverPaths.current.has(path)) return;
    const message = check(draftRef.current)[path];
    if (message === shown) return;
    const next = { ...errorsRef.current };
    if (message) next[path] = message;
    else delete next[path];
    setErrors(next);
  }

  function goTo(target: number, focus: FocusTarget = { kind: 'heading' }) {
    setDraft({ ...draftRef.current, step: target });
    if (target === REVIEW_STEP) setCameFromReview(false);
    requestFocus(focus);
  }

  function showStepErrors(stepErrors: Errors, onStep: number) {
    setErrors({ ...omitStep(errorsRef.current, onStep), ...stepErrors });
    setSummaryStep(onStep);
    requestFocus({ kind: 'firstInvalid' });
  }

  /** Validates this step; moves on to `target` (the next step unless given) when it is complete. */
  function next(target = step + 1) {
    if (!ready) return;
    const stepErrors = { ...pickStep(check(draftRef.current), step), ...pickStep(serverErrors(), step) };
    if (Object.keys(stepErrors).length > 0) {
      showStepErrors(stepErrors, step);
      return;
    }
    setErrors(omitStep(errorsRef.current, step));
    setSummaryStep(null);
    goTo(Math.min(target, REVIEW_STEP));
  }

  function back() {
    setSummaryStep(null);
    goTo(Math.max(0, step - 1));
  }

  async function submit() {
    if (!ready || submitting.current || finished.current) return;
    const current = draftRef.current;
    const all = { ...check(current), ...serverErrors() };
    const first = firstStepWithIssue(all);
    if (first !== undefined) {
      setErrors(all);
      setSummaryStep(first);
      setSubmitState({ kind: 'idle' });
      if (first === step) requestFocus({ kind: 'firstInvalid' });
      else goTo(first, { kind: 'firstInvalid' });
      return;
    }

    submitting.current = true;
    setSubmitState({ kind: 'submitting' });
    const { payload, documentPaths } = toApplicationPayload(current, isoDateToday());
    const result = await submitApplication(payload);

    if (result.kind === 'ok') {
      const accepted = clinicianApplicationAcceptedSchema.safeParse(result.body);
      if (accepted.success) {
        finished.current = true;
        clearStoredDraft();
        // The application is in: the next person at this browser proves their own email.
        void forgetProof();
        router.push(`/clinicians/apply/submitted?ref=${encodeURIComponent(accepted.data.referenceNumber)}`);
        return;
      }
    }
    submitting.current = false;

    if (
      result.kind === 'error' &&
      result.error?.code === 'validation_failed' &&
      result.error.issues?.length
    ) {
      const byPath = issuesByPath(result.error.issues, documentPaths);
      serverPaths.current = new Set(Object.keys(byPath));
      setErrors(byPath);
      const target = firstStepWithIssue(byPath) ?? REVIEW_STEP;
      setSummaryStep(target);
      if (target === REVIEW_STEP) {
        setSubmitState({ kind: 'failed', message: result.error.message });
        requestFocus({ kind: 'id', id: SUMMARY_ID });
      } else {
        setSubmitState({ kind: 'idle' });
        goTo(target, { kind: 'firstInvalid' });
      }
      return;
    }

    if (result.kind === 'error' && (result.status === 401 || result.status === 403)) {
      // No proof in this browser (it ended, or cookies were cleared), or a proof for another email:
      // back to the email step; every answer stays in the draft, and the draft stays on this step.
      setSubmitState({ kind: 'idle' });
      setSummaryStep(null);
      setEmailNotice(result.status === 401 ? proofMessages.missing : proofMessages.different);
      setProofState({ kind: 'known', proof: null });
      requestFocus({ kind: 'id', id: EMAIL_NOTICE_ID });
      return;
    }

    let message = SUBMIT_FAILED;
    const problem = unreachable(result);
    if (problem) {
      // Busy, timed out or offline: say so and when to retry, rather than a vague failure.
      message = detailsKeptMessage(problem);
    } else if (result.kind === 'error' && result.status === 429) {
      const wait = result.retryAfterSeconds;
      message = wait
        ? rateLimitedMessage(result.error?.message, wait)
        : (result.error?.message ?? 'Too many attempts.');
    } else if (result.kind === 'error' && result.status < 500 && result.error) {
      // 409: an application for this email is already open; 413 and the like say what to do.
      message = result.error.message;
    }
    setSubmitState({ kind: 'failed', message });
    requestFocus({ kind: 'id', id: SUBMIT_ALERT_ID });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step === REVIEW_STEP) void submit();
    else next();
  }

  function edit(target: number) {
    setCameFromReview(true);
    setSummaryStep(null);
    goTo(target);
  }

  /** A code went to `email`: the draft remembers it, so a reload stays on the code entry. */
  function codeSent(email: string) {
    setEmailNotice(undefined);
    setDraft({ ...draftRef.current, codeSentTo: email });
  }

  /** The email is proven: it becomes the application's email, and the form goes on where it was. */
  function emailConfirmed(proven: VerifiedEmail) {
    const current = draftRef.current;
    setProofState({ kind: 'known', proof: proven });
    setEmailNotice(undefined);
    const { email: _gone, ...rest } = errorsRef.current;
    serverPaths.current.delete('email');
    setErrors(rest);
    setSummaryStep(null);
    setDraft({
      ...current,
      email: proven.email,
      codeSentTo: '',
      step: current.step === EMAIL_STEP ? IDENTITY_STEP : current.step,
    });
    requestFocus({ kind: 'heading' });
  }

  /** From the identity step: prove another email (or keep this one, which stays proven). */
  function changeEmail() {
    setSummaryStep(null);
    goTo(EMAIL_STEP);
  }

  /** From "Change email": keep the email already proven for this draft. */
  function continueWithProof() {
    if (proof && isProven(draftRef.current.email, proof)) emailConfirmed(proof);
  }

  function startOver() {
    const confirmed = window.confirm(
      'Start over? This clears all your answers and uploaded documents from this browser.',
    );
    if (!confirmed) return;
    uploads.cancelAll();
    clearStoredDraft();
    // Forget this browser's proof too (a shared computer, say): the next application proves its email.
    void forgetProof();
    setProofState({ kind: 'known', proof: null });
    serverPaths.current.clear();
    setErrors({});
    setSummaryStep(null);
    setSubmitState({ kind: 'idle' });
    setCameFromReview(false);
    setEmailNotice(undefined);
    setDraft(newDraft());
    requestFocus({ kind: 'heading' });
  }

  function renderDocument(spec: DocumentSlotSpec): ReactNode {
    const { slot, path } = spec;
    const clearError = () => {
      if (!errorsRef.current[path]) return;
      const { [path]: _cleared, ...rest } = errorsRef.current;
      serverPaths.current.delete(path);
      setErrors(rest);
    };
    return (
      <DocumentUpload
        id={fieldId(path)}
        label={spec.label}
        hint={spec.hint}
        document={draft.documents[slot]}
        upload={uploads.states[slot]}
        error={errors[path]}
        disabled={!ready || !draft.draftId}
        onChoose={(file) => {
          clearError();
          void uploads.start(slot, purposeOf(slot), file);
        }}
        onRetry={() => uploads.retry(slot)}
        onCancel={() => uploads.cancel(slot)}
        onRemove={() => {
          uploads.cancel(slot);
          change(path, (d) => {
            const documents = { ...d.documents };
            delete documents[slot];
            return { ...d, documents };
          });
          requestFocus({ kind: 'id', id: fieldId(path) });
        }}
      />
    );
  }

  const stepProps: StepProps = {
    draft,
    servedStates,
    brandName,
    today,
    error: (path) => errors[path],
    change,
    blur,
    renderDocument,
    forgetDocument: uploads.cancel,
    requestFocus: (id) => requestFocus({ kind: 'id', id }),
  };

  const stepContent = [
    null, // the email step has forms of its own (below)
    <IdentityStep key="identity" {...stepProps} onChangeEmail={changeEmail} />,
    <ProfessionStep key="profession" {...stepProps} />,
    <LicencesStep key="licences" {...stepProps} />,
    <DeaBoardStep key="dea-board" {...stepProps} />,
    <MalpracticeStep key="malpractice" {...stepProps} />,
    <WorkHistoryStep key="work-history" {...stepProps} />,
    <AttestationStep key="attestations" {...stepProps} />,
    <ReviewStep key="review" {...stepProps} onEdit={edit} />,
  ][step];

  const summary =
    summaryStep === step ? Object.entries(errors).filter(([path]) => stepOfPath(path) === step) : [];
  const isSubmitting = submitState.kind === 'submitting';
  const primaryButton =
    'inline-flex items-center justify-center rounded-md bg-brand-600 px-5 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-70';
  const secondaryButton =
    'inline-flex items-center justify-center rounded-md border border-slate-400 bg-white px-5 py-3 text-base font-semibold text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-70';

  return (
    <div ref={topRef} className="scroll-mt-4">
      <StepProgress current={step} />

      {step === EMAIL_STEP ? (
        <EmailStep
          // A fresh field (and code entry) for each draft, e.g. after "Start over".
          key={draft.draftId}
          interactive={ready}
          draftEmail={draft.email}
          codeSentTo={draft.codeSentTo}
          // Only the draft's own proven email is offered: after "Start over" (a shared computer, say),
          // a proof left in the cookie is not handed to the next application.
          proof={isProven(draft.email, proof) ? proof : null}
          notice={emailNotice}
          serverError={errors.email}
          onCodeSent={codeSent}
          onUseDifferentEmail={() => setDraft({ ...draftRef.current, codeSentTo: '' })}
          onVerified={emailConfirmed}
          onContinueWithProof={continueWithProof}
        />
      ) : (
        <form method="post" noValidate aria-labelledby={HEADING_ID} className="mt-8" onSubmit={handleSubmit}>
          <StepHeader current={step} />

          <ErrorSummary
            id={SUMMARY_ID}
            title="Please check these details"
            errors={summary}
            controlIdFor={controlIdFor}
            onFocusControl={(id) => requestFocus({ kind: 'id', id })}
          />

          <div ref={stepRef} className="mt-6">
            {stepContent}
          </div>

          {step === REVIEW_STEP && submitState.kind === 'failed' ? (
            <div
              id={SUBMIT_ALERT_ID}
              role="alert"
              tabIndex={-1}
              className="mt-6 rounded-md border-2 border-red-700 bg-red-50 p-4 text-slate-900"
            >
              {submitState.message}
            </div>
          ) : null}
          <p role="status" className="sr-only">
            {isSubmitting ? 'Submitting your application…' : ''}
          </p>

          <div className="mt-8 flex flex-col-reverse gap-3 border-t border-slate-200 pt-6 sm:flex-row sm:items-center">
            <button type="button" className={secondaryButton} disabled={isSubmitting} onClick={back}>
              Back
            </button>
            {step < REVIEW_STEP ? (
              <>
                <button type="submit" className={primaryButton} disabled={!ready}>
                  Continue
                </button>
                {cameFromReview ? (
                  <button type="button" className={secondaryButton} onClick={() => next(REVIEW_STEP)}>
                    Save and return to review
                  </button>
                ) : null}
              </>
            ) : (
              <button type="submit" className={primaryButton} disabled={!ready || isSubmitting}>
                {isSubmitting ? 'Submitting…' : 'Submit application'}
              </button>
            )}
          </div>
        </form>
      )}

      <div className="mt-8 flex flex-col gap-3 rounded-md bg-slate-50 p-4 text-sm text-slate-700 sm:flex-row sm:items-center sm:justify-between">
        <p>
          Your answers and uploaded documents are saved in this browser as you go, so you can come back to
          finish. On a shared computer, submit or start over before you leave.
        </p>
        <button
          type="button"
          className="shrink-0 self-start rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-100 sm:self-auto"
          disabled={!ready || isSubmitting}
          onClick={startOver}
        >
          Start over
        </button>
      </div>
    </div>
  );
}
