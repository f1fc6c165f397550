import { emailSchema, type VerifiedEmail } from '@telehealth/contracts';
import { type FormEvent, useState } from 'react';
import { verifyApplicantCode } from '../../api/applicant';
import { CodeEntry, type ResendOutcome } from '../../form/CodeEntry';
import { ErrorSummary, TextField } from '../../form/fields';
import { SendCodeRefusal } from '../../form/SendCodeRefusal';
import { useFocusRequest } from '../../form/use-focus-request';
import { sendCode } from '../email-proof';
import { StepHeader } from '../StepProgress';
import { EMAIL_STEP, fieldId, HEADING_ID, stepLabel, steps } from '../step-definitions';

/** The box saying why the clinician is on this step again; focused after a refused submit. */
export const EMAIL_NOTICE_ID = 'ca-email-notice';
const EMAIL_FIELD_ID = fieldId('email');
const SUMMARY_ID = 'ca-email-error-summary';
const CODE_ID = 'ca-email-code';

export interface EmailStepProps {
  /** False until the draft and this browser's proof are known. */
  interactive: boolean;
  /** The application's email, if it has one: fills the field. */
  draftEmail: string;
  /** The email a code was sent to and not confirmed yet: then the code entry shows. */
  codeSentTo: string;
  /** The draft's email when this browser has proven it (reached by "Change email"): it can be kept. */
  proof: VerifiedEmail | null;
  /** Why the clinician is here again (a refused submit, a return after the proof ended). */
  notice: string | undefined;
  /** A message for `email` from the server on submit, shown on the field. */
  serverError: string | undefined;
  onCodeSent: (email: string) => void;
  onUseDifferentEmail: () => void;
  onVerified: (proof: VerifiedEmail) => void;
  onContinueWithProof: () => void;
  /** Set when the last proof check could not reach the server: offers "Check again". */
  onCheckAgain?: (() => Promise<void>) | undefined;
}

type Status =
  | { kind: 'rate_limited'; message: string; seconds: number; email: string }
  | { kind: 'failed'; message: string };

const primaryButton =
  'inline-flex items-center justify-center rounded-md bg-brand-600 px-5 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-70 aria-disabled:cursor-progress aria-disabled:bg-brand-700';
const secondaryButton =
  'inline-flex items-center justify-center rounded-md border border-brand-700 bg-white px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50';

/** The contract's message for the address, or undefined when it is valid. */
function emailError(email: string): string | undefined {
  const result = emailSchema.safeParse(email);
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'Enter a valid email address.');
}

/**
 * Step 1: the applicant proves their email with a 6-digit code before anything is filed under it.
 * Enter the email and "Send code", then the shared code entry. After "Change email", the draft's
 * own proven email can be kept as it is.
 */
export function EmailStep(props: EmailStepProps) {
  const { interactive, codeSentTo, proof, notice } = props;
  const [email, setEmail] = useState(props.draftEmail);
  const [error, setError] = useState<string | undefined>(props.serverError);
  const [showSummary, setShowSummary] = useState(Boolean(props.serverError));
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  // Epoch ms from which "Send a new code" may be used; unknown after a reload (the server then says).
  const [resendAt, setResendAt] = useState(0);
  const requestFocus = useFocusRequest();

  function showError(message: string) {
    setError(message);
    setShowSummary(true);
    requestFocus(EMAIL_FIELD_ID);
  }

  function codeSent(to: string, waitSeconds: number) {
    setStatus(null);
    setResendAt(Date.now() + waitSeconds * 1000);
    props.onCodeSent(to);
    requestFocus(CODE_ID);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!interactive || pending) return;
    setStatus(null);
    // The body's only field is checked with the contract's own schema for it (`requestEmailCodeSchema`).
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) {
      showError(parsed.error.issues[0]?.message ?? 'Enter a valid email address.');
      return;
    }
    setError(undefined);
    setShowSummary(false);
    setPending(true);
    const outcome = await sendCode(parsed.data);
    setPending(false);
    switch (outcome.kind) {
      case 'sent':
        codeSent(parsed.data, outcome.cooldownSeconds);
        return;
      case 'invalid':
        showError(outcome.errors.email ?? Object.values(outcome.errors)[0] ?? 'Check your email address.');
        return;
      case 'rate_limited':
        setStatus({ ...outcome, email: parsed.data });
        return;
      case 'failed':
        setStatus(outcome);
        return;
    }
  }

  async function resend(): Promise<ResendOutcome> {
    const outcome = await sendCode(codeSentTo);
    switch (outcome.kind) {
      case 'sent':
        setResendAt(Date.now() + outcome.cooldownSeconds * 1000);
        return { kind: 'sent' };
      case 'rate_limited':
        setResendAt(Date.now() + outcome.seconds * 1000);
        return outcome;
      case 'invalid':
        return { kind: 'failed', message: Object.values(outcome.errors)[0] ?? 'Check your email address.' };
      case 'failed':
        return outcome;
    }
  }

  function switchEmail() {
    setEmail(codeSentTo || email);
    setError(undefined);
    setShowSummary(false);
    setStatus(null);
    props.onUseDifferentEmail();
    requestFocus(EMAIL_FIELD_ID);
  }

  if (codeSentTo) {
    return (
      <div className="mt-8">
        <CodeEntry
          key={codeSentTo}
          idPrefix="ca-email"
          headingId={HEADING_ID}
          stepLabel={stepLabel(EMAIL_STEP)}
          title={steps[EMAIL_STEP]?.title ?? ''}
          email={codeSentTo}
          resendAt={resendAt}
          verify={(code) => verifyApplicantCode({ email: codeSentTo, code })}
          onVerified={props.onVerified}
          onResend={resend}
          onUseDifferentEmail={switchEmail}
        />
      </div>
    );
  }

  return (
    <form
      method="post"
      noValidate
      aria-labelledby={HEADING_ID}
      aria-describedby="ca-email-intro"
      className="mt-8"
      onSubmit={handleSubmit}
    >
      <StepHeader current={EMAIL_STEP} />
      <p id="ca-email-intro" className="mt-2 text-slate-700">
        First, we&rsquo;ll email you a 6-digit code to confirm this address is yours. Your application is
        filed under it, and we&rsquo;ll write to you there about it.
      </p>

      {notice ? (
        <div
          id={EMAIL_NOTICE_ID}
          tabIndex={-1}
          className="mt-5 rounded-md border-2 border-brand-600 bg-brand-50 p-4 text-slate-900"
        >
          {notice}
          {props.onCheckAgain ? <CheckAgain onCheckAgain={props.onCheckAgain} /> : null}
        </div>
      ) : null}

      {proof ? (
        <div className="mt-5 rounded-md border border-slate-300 bg-slate-50 p-4 text-slate-800">
          <p id="ca-email-proven">
            You have already confirmed{' '}
            <strong className="font-semibold break-all text-slate-900">{proof.email}</strong> in this browser.
          </p>
          <button
            type="button"
            className={`mt-3 ${secondaryButton}`}
            disabled={!interactive}
            aria-describedby="ca-email-proven"
            onClick={props.onContinueWithProof}
          >
            Continue with this email
          </button>
        </div>
      ) : null}

      <ErrorSummary
        id={SUMMARY_ID}
        title="Please check these details"
        errors={showSummary && error ? [['email', error]] : []}
        controlIdFor={() => EMAIL_FIELD_ID}
        onFocusControl={requestFocus}
      />

      <TextField
        id={EMAIL_FIELD_ID}
        name="email"
        label="Email"
        type="email"
        inputMode="email"
        autoComplete="email"
        hint="We’ll send your code, your reference number and any questions about your application here."
        className="mt-6"
        value={email}
        error={error}
        onChange={(value) => {
          setEmail(value);
          // Once the field shows an error, re-check it as the clinician fixes it.
          if (error) setError(emailError(value));
        }}
        // Checked on "Send code", not on leaving the field: a message appearing on blur would push the
        // button down between press and release, and the click would land on nothing.
        onBlur={() => {}}
      />

      {status ? (
        <SendCodeRefusal
          message={status.message}
          alreadySentTo={status.kind === 'rate_limited' ? status.email : undefined}
          onAlreadyHaveCode={() => {
            if (status.kind === 'rate_limited') codeSent(status.email, status.seconds);
          }}
        />
      ) : null}
      <p role="status" className="sr-only">
        {pending ? 'Sending your code…' : ''}
      </p>

      <div className="mt-8 border-t border-slate-200 pt-6">
        <button
          type="submit"
          className={primaryButton}
          disabled={!interactive}
          aria-disabled={pending || undefined}
        >
          {pending ? 'Sending your code…' : 'Send code'}
        </button>
      </div>
    </form>
  );
}

/** Re-asks whether this browser has proven its email, showing that it is at it. */
function CheckAgain({ onCheckAgain }: { onCheckAgain: () => Promise<void> }) {
  const [checking, setChecking] = useState(false);
  return (
    <div className="mt-3">
      <button
        type="button"
        className={secondaryButton}
        aria-disabled={checking || undefined}
        onClick={async () => {
          if (checking) return;
          setChecking(true);
          await onCheckAgain();
          setChecking(false);
        }}
      >
        {checking ? 'Checking…' : 'Check again'}
      </button>
    </div>
  );
}
