'use client';

import {
  type DatePart,
  firstIssueByPath,
  legalDocuments,
  MINIMUM_PATIENT_AGE,
  normalizeEmail,
  OTP_RESEND_COOLDOWN_SECONDS,
  stateName,
  type UsStateCode,
} from '@telehealth/contracts/client';
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { describeFailure } from '../api/describe-failure';
import { requestSignupCode } from '../api/signup';
import { DateInput } from '../form/DateInput';
import { CheckboxField, ErrorSummary, SelectField, TextField } from '../form/fields';
import { SendCodeRefusal } from '../form/SendCodeRefusal';
import { useFocusRequest } from '../form/use-focus-request';
import { WaitlistLinks } from '../waitlist/WaitlistLinks';
import {
  checkSignupValues,
  dateOfBirthPartsToMark,
  fieldId,
  firstInvalidFieldId,
  isSignupFieldPath,
  type SignupFieldPath,
  type SignupValues,
  signupFieldPaths,
  toSignupPayload,
} from './form-values';

type Errors = Record<string, string>;

type Status =
  | { kind: 'rate_limited'; message: string; seconds: number; values: SignupValues; email: string }
  | { kind: 'failed'; message: string };

export interface SignupFormProps {
  servedStates: readonly UsStateCode[];
  values: SignupValues;
  onValuesChange: (values: SignupValues) => void;
  /** False until the page is hydrated: submitting before then would post the form natively. */
  interactive: boolean;
  /** Shown above the form, e.g. after a reload lost the details needed to send a new code. */
  notice?: string | undefined;
  /** Server issues to show on arrival, keyed by contract path (the flow moves focus to the first). */
  initialErrors?: Errors | undefined;
  /** A code was sent to `email` (normalised). */
  /** `resendAfterSeconds`: when the server lets this browser ask for another code. */
  onCodeSent: (values: SignupValues, email: string, resendAfterSeconds: number) => void;
  /** Rate limited, but the patient says a code already reached them. */
  onAlreadyHaveCode: (values: SignupValues, email: string, retryAfterSeconds: number) => void;
}

function orderedErrors(errors: Errors): [string, string][] {
  const rank = (path: string) => {
    const index = (signupFieldPaths as readonly string[]).indexOf(path);
    return index === -1 ? signupFieldPaths.length : index;
  };
  return Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b));
}

export function SignupForm(props: SignupFormProps) {
  const { servedStates, values, onValuesChange, interactive } = props;
  const stateOptions = useMemo(
    () =>
      servedStates
        .map((code) => ({ value: code, label: stateName(code) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [servedStates],
  );
  // Errors are set on submit (and by the server's answer) only, never when a field loses focus: an
  // error appearing on blur pushed "Send my code" down between press and release, and the click was
  // lost. A field's error may clear while the person corrects that field; the summary stays as it was
  // until the next submit.
  const [errors, setErrors] = useState<Errors>(() => props.initialErrors ?? {});
  const [summary, setSummary] = useState<[string, string][]>(() =>
    props.initialErrors ? orderedErrors(props.initialErrors) : [],
  );
  const [dateParts, setDateParts] = useState<readonly DatePart[]>(['month', 'day', 'year']);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const requestFocus = useFocusRequest();

  function change<K extends keyof SignupValues>(key: K, path: SignupFieldPath, value: SignupValues[K]) {
    const next = { ...values, [key]: value };
    onValuesChange(next);
    if (!errors[path]) return;
    const fixed = !checkSignupValues(next, servedStates).some((issue) => issue.path === path);
    if (fixed) {
      setErrors((previous) => {
        const updated = { ...previous };
        delete updated[path];
        return updated;
      });
    }
  }

  function showErrors(byPath: Errors, submitted: SignupValues) {
    // A date the boxes do not make marks the boxes to fix; a whole-date problem (too young) marks all.
    const parts = dateOfBirthPartsToMark(submitted.dateOfBirth);
    setErrors(byPath);
    setSummary(orderedErrors(byPath));
    setDateParts(parts);
    requestFocus(firstInvalidFieldId(byPath, parts[0]));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setStatus(null);
    const submitted = values;
    const issues = checkSignupValues(submitted, servedStates);
    if (issues.length) {
      showErrors(firstIssueByPath(issues), submitted);
      return;
    }
    setErrors({});
    setSummary([]);
    setPending(true);
    const payload = toSignupPayload(submitted);
    const result = await requestSignupCode(payload);
    setPending(false);
    const email = normalizeEmail(values.email);

    if (result.kind === 'ok') {
      props.onCodeSent(submitted, email, result.data.resendAfterSeconds);
      return;
    }
    if (
      result.kind === 'error' &&
      result.error?.code === 'validation_failed' &&
      result.error.issues?.length
    ) {
      showErrors(firstIssueByPath(result.error.issues), submitted);
      return;
    }
    if (result.kind === 'error' && result.status === 429) {
      const seconds = result.retryAfterSeconds ?? OTP_RESEND_COOLDOWN_SECONDS;
      setStatus({
        kind: 'rate_limited',
        message: describeFailure(result, { detailsKept: true }),
        seconds,
        values: submitted,
        email,
      });
      return;
    }
    // Refused, busy, timed out or offline: say so and when to retry, rather than a vague failure.
    setStatus({ kind: 'failed', message: describeFailure(result, { detailsKept: true }) });
  }

  const error = (path: SignupFieldPath) => errors[path];

  return (
    <form
      method="post"
      noValidate
      aria-labelledby="signup-heading"
      aria-describedby="signup-intro"
      onSubmit={handleSubmit}
    >
      <p className="text-sm font-semibold text-brand-700">Step 1 of 2</p>
      <h2 id="signup-heading" className="mt-1 text-2xl font-bold tracking-tight text-slate-900">
        Create your account
      </h2>
      <p id="signup-intro" className="mt-2 text-slate-600">
        It takes about two minutes. We&rsquo;ll send a 6-digit code to your email to confirm it&rsquo;s you.
        All fields are required.
      </p>

      {props.notice ? (
        <p role="status" className="mt-4 rounded-md border border-brand-600 bg-brand-50 p-3 text-slate-800">
          {props.notice}
        </p>
      ) : null}

      <ErrorSummary
        id="signup-error-summary"
        title="Please check your details"
        errors={summary}
        controlIdFor={(path) => (isSignupFieldPath(path) ? fieldId(path, dateParts[0]) : undefined)}
        onFocusControl={requestFocus}
      />

      <div className="mt-6 grid gap-5 sm:grid-cols-2">
        <TextField
          id={fieldId('firstName')}
          name="firstName"
          label="First name"
          autoComplete="given-name"
          value={values.firstName}
          error={error('firstName')}
          onChange={(value) => change('firstName', 'firstName', value)}
        />
        <TextField
          id={fieldId('lastName')}
          name="lastName"
          label="Last name"
          autoComplete="family-name"
          value={values.lastName}
          error={error('lastName')}
          onChange={(value) => change('lastName', 'lastName', value)}
        />
        <TextField
          id={fieldId('email')}
          name="email"
          label="Email"
          type="email"
          inputMode="email"
          autoComplete="email"
          hint="We’ll send your code here, and tell you here when you can book a visit."
          className="sm:col-span-2"
          value={values.email}
          error={error('email')}
          onChange={(value) => change('email', 'email', value)}
        />
        <TextField
          id={fieldId('phone')}
          name="phone"
          label="Mobile phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          hint="A US mobile number, for example (415) 555-0134"
          value={values.phone}
          error={error('phone')}
          onChange={(value) => change('phone', 'phone', value)}
        />
        <div>
          <DateInput
            id="signup-dateOfBirth"
            legend="Date of birth"
            hint={`For example, 3 27 1985. You must be ${MINIMUM_PATIENT_AGE} or older.`}
            autoCompleteSection="bday"
            value={values.dateOfBirth}
            error={error('dateOfBirth')}
            invalidParts={dateParts}
            onChange={(value) => change('dateOfBirth', 'dateOfBirth', value)}
          />
        </div>
        <SelectField
          id={fieldId('state')}
          name="state"
          label="State"
          autoComplete="address-level1"
          placeholder="Choose your state"
          hint="The state you live in. We can only see you while you are in a state we serve."
          className="sm:col-span-2"
          options={stateOptions}
          value={values.state}
          error={error('state')}
          onChange={(value) => change('state', 'state', value)}
        />
      </div>
      <WaitlistLinks dateOfBirthError={error('dateOfBirth')} />

      <fieldset className="mt-6 space-y-4">
        <legend className="text-sm font-semibold text-slate-800">Your consent</legend>
        <CheckboxField
          id={fieldId('consent.telehealth')}
          name="consentTelehealth"
          label={
            <>
              I consent to receive care by telehealth: video visits with a licensed clinician.{' '}
              <DocumentLink document="telehealth">Read the telehealth consent</DocumentLink>
            </>
          }
          hint="A clinician may recommend in-person care if video is not right for your needs."
          checked={values.consentTelehealth}
          error={error('consent.telehealth')}
          onChange={(checked) => change('consentTelehealth', 'consent.telehealth', checked)}
        />
        <CheckboxField
          id={fieldId('consent.privacy')}
          name="consentPrivacy"
          label={
            <>
              I have received the Notice of Privacy Practices, which explains how my health information is
              used and shared and my rights. <DocumentLink document="privacy">Read the notice</DocumentLink>
            </>
          }
          checked={values.consentPrivacy}
          error={error('consent.privacy')}
          onChange={(checked) => change('consentPrivacy', 'consent.privacy', checked)}
        />
      </fieldset>

      {status ? (
        <SendCodeRefusal
          message={status.message}
          alreadySentTo={status.kind === 'rate_limited' ? status.email : undefined}
          onAlreadyHaveCode={() => {
            if (status.kind === 'rate_limited')
              props.onAlreadyHaveCode(status.values, status.email, status.seconds);
          }}
        />
      ) : null}

      <p id="signup-terms" className="mt-6 text-sm text-slate-700">
        By sending this form you agree to our{' '}
        <DocumentLink document="terms">{legalDocuments.terms.title.toLowerCase()}</DocumentLink>.
      </p>

      <button
        type="submit"
        aria-describedby="signup-terms"
        disabled={!interactive}
        aria-disabled={pending || undefined}
        className="mt-3 inline-flex w-full items-center justify-center rounded-md bg-brand-600 px-5 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-70 aria-disabled:cursor-progress aria-disabled:bg-brand-700 sm:w-auto"
      >
        {pending ? 'Sending your code…' : 'Send my code'}
      </button>
    </form>
  );
}

/** A legal document, opened in a new tab so the form keeps what was typed. */
function DocumentLink({
  document,
  children,
}: {
  document: keyof typeof legalDocuments;
  children: ReactNode;
}) {
  return (
    <a
      href={legalDocuments[document].path}
      target="_blank"
      rel="noopener"
      className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline"
    >
      {children}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
