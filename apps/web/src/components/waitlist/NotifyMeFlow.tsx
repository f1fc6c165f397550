'use client';

import { firstIssueByPath, type UsStateCode, type WaitlistReason } from '@telehealth/contracts/client';
import { type FormEvent, useState } from 'react';
import { describeFailure } from '../api/describe-failure';
import { joinWaitlist, requestWaitlistCode } from '../api/waitlist';
import { CodeEntry, type ResendOutcome } from '../form/CodeEntry';
import { CheckboxField, ErrorSummary, SelectField, TextField } from '../form/fields';
import { resendAnswer } from '../form/resend';
import { SendCodeRefusal } from '../form/SendCodeRefusal';
import { useFocusRequest } from '../form/use-focus-request';
import { CareNowNote } from './CareNowNote';

export interface NotifyMeFlowProps {
  /** The consent sentence, word for word as its version stores it (from the contract). */
  consentText: string;
  /** The states not served yet, sorted by name. */
  unservedStates: readonly { value: UsStateCode; label: string }[];
  initialReason?: WaitlistReason;
  initialState?: UsStateCode;
}

interface Answers {
  email: string;
  reason: WaitlistReason | '';
  state: string;
  consent: boolean;
}

const ids = {
  email: 'notify-email',
  reason: 'notify-reason-state-not-served',
  state: 'notify-state',
  consent: 'notify-consent',
} as const;

/** The field a server issue path belongs to. */
const controlIdFor = (path: string) => ids[path as keyof typeof ids];

/** Checks in the browser, before anything is sent; the server's contract has the last word. */
function check(answers: Answers): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(answers.email.trim())) {
    errors.email = 'Enter your email address, like name@example.com.';
  }
  if (!answers.reason) errors.reason = 'Choose why you cannot sign up yet.';
  if (answers.reason === 'state-not-served' && !answers.state) errors.state = 'Choose the state you are in.';
  if (!answers.consent) errors.consent = 'Tick the box to agree to one email when we can see you.';
  return errors;
}

function payload(answers: Answers) {
  return {
    email: answers.email.trim(),
    reason: answers.reason as WaitlistReason,
    ...(answers.reason === 'state-not-served' ? { state: answers.state } : {}),
    consent: answers.consent as true,
  };
}

/**
 * "Tell me when you can see me": email, why, consent → the 6-digit code → on the list. Errors show
 * only after a submit (nothing moves under a pointer while someone clicks), in a summary and inline.
 */
export function NotifyMeFlow({
  consentText,
  unservedStates,
  initialReason,
  initialState,
}: NotifyMeFlowProps) {
  const [step, setStep] = useState<'form' | 'code' | 'done'>('form');
  const [answers, setAnswers] = useState<Answers>({
    email: '',
    reason: initialReason ?? '',
    state: initialState ?? '',
    consent: false,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<{ message: string; waited: boolean }>();
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState('');
  const [resendAt, setResendAt] = useState(0);
  const requestFocus = useFocusRequest();

  const set = <K extends keyof Answers>(key: K, value: Answers[K]) =>
    setAnswers((current) => ({ ...current, [key]: value }));

  function showErrors(next: Record<string, string>) {
    setErrors(next);
    requestFocus('notify-errors');
  }

  function toCode(email: string, seconds: number) {
    setSentTo(email);
    setResendAt(Date.now() + seconds * 1000);
    setRefusal(undefined);
    setStep('code');
    requestFocus('notify-code');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    const found = check(answers);
    if (Object.keys(found).length) return showErrors(found);
    setErrors({});
    setRefusal(undefined);
    setSending(true);
    const result = await requestWaitlistCode(payload(answers));
    setSending(false);
    if (result.kind === 'ok')
      return toCode(answers.email.trim().toLowerCase(), result.data.resendAfterSeconds);
    if (
      result.kind === 'error' &&
      result.error?.code === 'validation_failed' &&
      result.error.issues?.length
    ) {
      return showErrors(firstIssueByPath(result.error.issues));
    }
    setRefusal({
      message: describeFailure(result),
      waited: result.kind === 'error' && result.status === 429,
    });
  }

  async function resend(): Promise<ResendOutcome> {
    const result = await requestWaitlistCode(payload(answers));
    const answer = resendAnswer(result);
    if (answer) {
      setResendAt(Date.now() + answer.waitSeconds * 1000);
      return answer.outcome;
    }
    return { kind: 'failed', message: describeFailure(result, { detailsKept: true }) };
  }

  if (step === 'code') {
    return (
      <CodeEntry
        idPrefix="notify"
        headingId="notify-code-heading"
        stepLabel="Step 2 of 2"
        title="Check your email"
        email={sentTo}
        resendAt={resendAt}
        verify={(code) => joinWaitlist({ ...payload(answers), email: sentTo, code })}
        onVerified={() => {
          setStep('done');
          requestFocus('notify-done-heading');
        }}
        onResend={resend}
        onUseDifferentEmail={() => {
          setStep('form');
          requestFocus(ids.email);
        }}
      />
    );
  }

  if (step === 'done') {
    return (
      <div>
        <h2 id="notify-done-heading" tabIndex={-1} className="text-2xl font-bold text-slate-900 outline-none">
          You&rsquo;re on the list
        </h2>
        <p className="mt-3 text-slate-700">
          We&rsquo;ve emailed {sentTo} a confirmation. We will write once, when we can see you, and for
          nothing else. The email has a link that removes your address at any time.
        </p>
        <CareNowNote className="mt-3 text-slate-700" />
      </div>
    );
  }

  const errorList = (['email', 'reason', 'state', 'consent'] as const)
    .filter((key) => errors[key])
    .map((key) => [key, errors[key] as string] as const);

  return (
    <form noValidate onSubmit={submit} aria-labelledby="notify-form-heading">
      <p className="text-sm font-semibold text-slate-600">Step 1 of 2</p>
      <h2 id="notify-form-heading" className="mt-1 text-2xl font-bold text-slate-900">
        Tell us where to write
      </h2>
      <ErrorSummary
        id="notify-errors"
        title="There is a problem"
        errors={errorList}
        controlIdFor={controlIdFor}
        onFocusControl={(id) => requestFocus(id)}
      />
      <div className="mt-6 space-y-6">
        <TextField
          id={ids.email}
          name="email"
          type="email"
          label="Email"
          autoComplete="email"
          hint="We send a 6-digit code to check it is yours."
          value={answers.email}
          error={errors.email}
          onChange={(value) => set('email', value)}
          onBlur={() => undefined}
        />
        <fieldset aria-describedby={errors.reason ? 'notify-reason-error' : undefined}>
          <legend className="text-sm font-semibold text-slate-800">Why can&rsquo;t you sign up yet?</legend>
          <div className="mt-2 space-y-2">
            {(
              [
                ['state-not-served', 'The state I am in is not served yet'],
                ['under-18', 'I am under 18'],
              ] as const
            ).map(([value, label]) => (
              <label
                key={value}
                htmlFor={`notify-reason-${value}`}
                className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md border border-slate-300 px-3 text-slate-800"
              >
                <input
                  id={`notify-reason-${value}`}
                  type="radio"
                  name="reason"
                  value={value}
                  checked={answers.reason === value}
                  aria-invalid={errors.reason ? true : undefined}
                  className="size-5 accent-brand-600"
                  onChange={() => set('reason', value)}
                />
                {label}
              </label>
            ))}
          </div>
          {errors.reason ? (
            <p id="notify-reason-error" className="mt-1.5 text-sm font-medium text-red-700">
              <span className="sr-only">Error: </span>
              {errors.reason}
            </p>
          ) : null}
        </fieldset>
        {answers.reason === 'state-not-served' ? (
          <SelectField
            id={ids.state}
            name="state"
            label="State"
            placeholder="Choose your state"
            options={unservedStates}
            value={answers.state}
            error={errors.state}
            onChange={(value) => set('state', value)}
            onBlur={() => undefined}
          />
        ) : null}
        {answers.reason === 'under-18' ? (
          <p className="text-sm text-slate-700">
            We don&rsquo;t ask for your birth date: only that you are under 18.
          </p>
        ) : null}
        <CheckboxField
          id={ids.consent}
          name="consent"
          label={consentText}
          checked={answers.consent}
          error={errors.consent}
          onChange={(checked) => set('consent', checked)}
        />
      </div>
      <button
        type="submit"
        disabled={sending}
        className="mt-8 inline-flex min-h-11 w-full items-center justify-center rounded-md bg-brand-600 px-6 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-70 sm:w-auto"
      >
        {sending ? 'Sending…' : 'Send my code'}
      </button>
      {refusal ? (
        <SendCodeRefusal
          message={refusal.message}
          alreadySentTo={refusal.waited ? answers.email.trim().toLowerCase() : undefined}
          onAlreadyHaveCode={() => toCode(answers.email.trim().toLowerCase(), 0)}
        />
      ) : null}
    </form>
  );
}
