'use client';

import {
  isoDateToday,
  makeClinicianApplicationSchema,
  toFieldIssues,
  type UsStateCode,
} from '@telehealth/contracts';
import { useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { submitApplication } from '../api/applications';
import { describeFailure } from '../api/describe-failure';
import { ErrorSummary } from '../form/fields';
import { DocumentUpload } from './DocumentUpload';
import {
  type ApplicationDraft,
  clearStoredDraft,
  type DocumentSlot,
  documentSlotsOf,
  isApplicationInput,
  newDraft,
  purposeOfSlot,
  readStoredDraft,
  type StoredDocument,
  toApplicationPayload,
  writeStoredDraft,
} from './draft';
import { checkProof, forgetProof, isProven, proofMessages } from './email-proof';
import {
  currentStep,
  type Errors,
  type FocusTarget,
  type FormAction,
  formReducer,
  initialFormState,
  isReady,
  proofOf,
  reachableStep,
  serverErrors,
  slotPath,
} from './form-state';
import { StepHeader, StepProgress } from './StepProgress';
import {
  controlIdFor,
  EMAIL_STEP,
  fieldId,
  firstStepWithIssue,
  HEADING_ID,
  issuesByPath,
  REVIEW_STEP,
  stepOfPath,
  steps,
} from './step-definitions';
import type { DocumentSlotSpec, StepProps } from './step-props';
import { AttestationStep } from './steps/AttestationStep';
import { DeaBoardStep } from './steps/DeaBoardStep';
import { EMAIL_NOTICE_ID, EmailStep } from './steps/EmailStep';
import { IdentityStep } from './steps/IdentityStep';
import { LicensesStep } from './steps/LicensesStep';
import { MalpracticeStep } from './steps/MalpracticeStep';
import { ProfessionStep } from './steps/ProfessionStep';
import { ReviewStep } from './steps/ReviewStep';
import { WorkHistoryStep } from './steps/WorkHistoryStep';
import { useDocumentUploads } from './use-document-uploads';

export interface ClinicianApplicationFormProps {
  servedStates: readonly UsStateCode[];
  brandName: string;
  /** Shown above the first step only ("Have these ready"). */
  intro?: ReactNode;
}

const SUMMARY_ID = 'ca-error-summary';
const SUBMIT_ALERT_ID = 'ca-submit-alert';

const CHECK_FIELDS = 'Some fields need your attention.';
const UPLOAD_PENDING = 'Wait for this upload to finish, or cancel it.';

/**
 * Missing uploads, said per slot. The contract reports them too, but only once the licenses, DEA and
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
 * Its state is one reducer (form-state.ts); this component runs the side effects.
 */
/** The step the page's URL names (`?step=licenses`), if it names one. */
function stepInUrl(): number | undefined {
  const id = new URLSearchParams(window.location.search).get('step');
  const index = steps.findIndex((step) => step.id === id);
  return index === -1 ? undefined : index;
}

/**
 * Asks whether this browser has proven the draft's email. A draft past the email step without a
 * proof is told why it is back there; a server that cannot be reached is said so, to check again.
 */
async function askForProof(draft: ApplicationDraft): Promise<FormAction> {
  const { proof, notice: unreachableNotice } = await checkProof();
  const notice =
    unreachableNotice ??
    (draft.step > EMAIL_STEP && !isProven(draft.email, proof) ? proofMessages.resume : undefined);
  return { type: 'proofChecked', proof, notice, unreachable: Boolean(unreachableNotice) };
}

export function ClinicianApplicationForm({ servedStates, brandName, intro }: ClinicianApplicationFormProps) {
  const router = useRouter();
  const schema = useMemo(() => makeClinicianApplicationSchema(servedStates), [servedStates]);
  const [state, dispatch] = useReducer(formReducer, initialFormState);
  const latestState = useRef(state);
  latestState.current = state;
  const { draft, errors, summaryStep, submit: submitState, cameFromReview, focus, emailNotice } = state;
  /** Set while a submit is in flight, so a second click (before the button disables) sends nothing. */
  const submitting = useRef(false);
  const topRef = useRef<HTMLDivElement>(null);
  const stepRef = useRef<HTMLDivElement>(null);
  const proof = proofOf(state);
  const step = currentStep(state);
  const ready = isReady(state);

  const uploads = useDocumentUploads(draft.draftId, (slot: DocumentSlot, document: StoredDocument) =>
    dispatch({ type: 'uploaded', slot, document }),
  );

  // localStorage exists only in the browser: restore after hydration, so the server HTML matches.
  // Then ask whether this browser has proven the draft's email: if so, go on where the draft was.
  useEffect(() => {
    const restored = readStoredDraft(steps.length) ?? newDraft();
    dispatch({ type: 'restored', draft: restored, today: isoDateToday(), requested: stepInUrl() });
    let cancelled = false;
    void askForProof(restored).then((action) => {
      if (!cancelled) dispatch(action);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  /** "Check again" after the server could not be reached: on success the draft goes on where it was. */
  async function checkProofAgain() {
    dispatch(await askForProof(draft));
  }

  useEffect(() => {
    if (state.hydrated && !state.finished) writeStoredDraft(draft);
  }, [draft, state.hydrated, state.finished]);

  // Each step has its own URL (`?step=licenses`): moving on adds a history entry, so the browser's
  // back (and Android's back gesture) goes to the previous step, and a reload stays on the step. The
  // first sync, and a URL naming a step that cannot be shown, replace the entry instead.
  const urlSynced = useRef(false);
  useEffect(() => {
    if (!ready || state.finished) return;
    const id = steps[step]?.id;
    const url = new URL(window.location.href);
    if (id && url.searchParams.get('step') !== id) {
      url.searchParams.set('step', id);
      if (urlSynced.current) window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    }
    urlSynced.current = true;
  }, [ready, step, state.finished]);

  useEffect(() => {
    const visit = () => {
      const requested = stepInUrl();
      if (requested === undefined) return;
      const shown = reachableStep(latestState.current, requested);
      // A step not reached yet (or past an unproven email) keeps this entry, naming the step shown.
      if (shown !== requested) {
        const url = new URL(window.location.href);
        url.searchParams.set('step', steps[shown]?.id ?? steps[0].id);
        window.history.replaceState(null, '', url);
      }
      dispatch({ type: 'visit', step: shown });
    };
    window.addEventListener('popstate', visit);
    return () => window.removeEventListener('popstate', visit);
  }, []);

  // Leaving mid-upload loses the upload (files cannot be saved): ask first.
  const uploading = Object.values(uploads.states).some((upload) => upload?.status === 'uploading');
  useEffect(() => {
    if (!uploading) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [uploading]);

  useEffect(() => {
    if (!focus) return;
    const { target } = focus;
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
  }, [focus]);

  /** Every problem the browser can see in a draft, by the path the form shows it at. */
  const check = useCallback(
    (d: ApplicationDraft): Errors => {
      const { payload, documentPaths } = toApplicationPayload(d, isoDateToday());
      const result = schema.safeParse(payload);
      const found = result.success ? {} : issuesByPath(toFieldIssues(result.error), documentPaths);
      for (const [path, message] of Object.entries(missingDocuments(d))) found[path] ??= message;
      for (const [slot, upload] of Object.entries(uploads.states)) {
        const path = slotPath(d, slot as DocumentSlot);
        if (path && upload?.status === 'uploading') found[path] = UPLOAD_PENDING;
      }
      return found;
    },
    [schema, uploads.states],
  );

  const requestFocus = (target: FocusTarget) => dispatch({ type: 'focus', target });

  function change(path: string, update: (d: ApplicationDraft) => ApplicationDraft) {
    dispatch({ type: 'change', path, update, check });
  }

  async function submit() {
    if (!ready || submitting.current || state.finished) return;
    const all = { ...check(draft), ...serverErrors(state) };
    if (firstStepWithIssue(all) !== undefined) {
      dispatch({ type: 'invalid', errors: all });
      return;
    }

    const { payload, documentPaths } = toApplicationPayload(draft, isoDateToday());
    if (!isApplicationInput(schema, payload)) {
      // Only when a problem has no field to show it at (the checks above found none): say so here.
      dispatch({ type: 'rejected', errors: all, message: CHECK_FIELDS, focusId: SUMMARY_ID });
      return;
    }

    submitting.current = true;
    dispatch({ type: 'submitting' });
    const result = await submitApplication(payload);

    if (result.kind === 'ok') {
      dispatch({ type: 'submitted' });
      clearStoredDraft();
      // The application is in: the next person at this browser proves their own email.
      void forgetProof();
      router.push(`/clinicians/apply/submitted?ref=${encodeURIComponent(result.data.referenceNumber)}`);
      return;
    }
    submitting.current = false;

    if (
      result.kind === 'error' &&
      result.error?.code === 'validation_failed' &&
      result.error.issues?.length
    ) {
      dispatch({
        type: 'rejected',
        errors: issuesByPath(result.error.issues, documentPaths),
        message: result.error.message,
        focusId: SUMMARY_ID,
      });
      return;
    }

    if (result.kind === 'error' && (result.status === 401 || result.status === 403)) {
      dispatch({ type: 'proofRefused', status: result.status, focusId: EMAIL_NOTICE_ID });
      return;
    }

    // Busy, timed out, offline, rate limited, or refused (409: an application for this email is
    // already open; 413 and the like say what to do): the shared sentence says which.
    const message = describeFailure(result, { detailsKept: true });
    dispatch({ type: 'submitFailed', message, focusId: SUBMIT_ALERT_ID });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step === REVIEW_STEP) void submit();
    else dispatch({ type: 'next', check });
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
    dispatch({ type: 'startedOver', draft: newDraft() });
  }

  function renderDocument(spec: DocumentSlotSpec): ReactNode {
    const { slot, path } = spec;
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
          dispatch({ type: 'clearError', path });
          void uploads.start(slot, purposeOfSlot(slot), file);
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
    today: state.today,
    error: (path) => errors[path],
    change,
    renderDocument,
    forgetDocument: uploads.cancel,
    requestFocus: (id) => requestFocus({ kind: 'id', id }),
  };

  const stepContent = [
    null, // the email step has forms of its own (below)
    <IdentityStep key="identity" {...stepProps} onChangeEmail={() => dispatch({ type: 'changeEmail' })} />,
    <ProfessionStep key="profession" {...stepProps} />,
    <LicensesStep key="licenses" {...stepProps} />,
    <DeaBoardStep key="dea-board" {...stepProps} />,
    <MalpracticeStep key="malpractice" {...stepProps} />,
    <WorkHistoryStep key="work-history" {...stepProps} />,
    <AttestationStep key="attestations" {...stepProps} />,
    <ReviewStep key="review" {...stepProps} onEdit={(target) => dispatch({ type: 'edit', step: target })} />,
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
      {step === 0 ? intro : null}
      <StepProgress
        current={step}
        furthest={isProven(draft.email, proof) ? draft.furthestStep : EMAIL_STEP}
        onVisit={(target) => dispatch({ type: 'visit', step: target })}
      />

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
          onCodeSent={(email) => dispatch({ type: 'codeSent', email })}
          onUseDifferentEmail={() => dispatch({ type: 'useDifferentEmail' })}
          onVerified={(proven) => dispatch({ type: 'emailConfirmed', proof: proven })}
          onContinueWithProof={() => dispatch({ type: 'continueWithProof' })}
          onCheckAgain={state.proofUnreachable ? checkProofAgain : undefined}
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
            <button
              type="button"
              className={secondaryButton}
              disabled={isSubmitting}
              onClick={() => dispatch({ type: 'back' })}
            >
              Back
            </button>
            {step < REVIEW_STEP ? (
              <>
                <button type="submit" className={primaryButton} disabled={!ready}>
                  Continue
                </button>
                {cameFromReview ? (
                  <button
                    type="button"
                    className={secondaryButton}
                    onClick={() => dispatch({ type: 'next', target: REVIEW_STEP, check })}
                  >
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
          className="min-h-11 shrink-0 self-start rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-100 sm:self-auto"
          disabled={!ready || isSubmitting}
          onClick={startOver}
        >
          Start over
        </button>
      </div>
    </div>
  );
}
