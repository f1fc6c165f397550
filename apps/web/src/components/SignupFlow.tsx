'use client';

import { firstIssueByPath, type UsStateCode } from '@telehealth/contracts/client';
import { useEffect, useState } from 'react';
import { describeFailure } from './api/describe-failure';
import { requestSignupCode, verifySignupCode } from './api/signup';
import { CheckCircleIcon } from './CheckCircleIcon';
import { CodeEntry, type ResendOutcome } from './form/CodeEntry';
import { resendAnswer } from './form/resend';
import { useFocusRequest } from './form/use-focus-request';
import {
  emptySignupValues,
  fieldId,
  firstInvalidFieldId,
  type SignupValues,
  toSignupPayload,
} from './signup/form-values';
import { SignupForm } from './signup/SignupForm';
import { clearStoredSignup, readStoredSignup, writeStoredSignup } from './signup/storage';

export interface SignupFlowProps {
  brandName: string;
  servedStates: readonly UsStateCode[];
}

type Step = 'form' | 'code' | 'done';

/** Patient signup: details → 6-digit email code → confirmation. */
export function SignupFlow({ brandName, servedStates }: SignupFlowProps) {
  const [hydrated, setHydrated] = useState(false);
  const [step, setStep] = useState<Step>('form');
  const [values, setValues] = useState<SignupValues>(emptySignupValues);
  // The details a code was last requested with, for "Send a new code"; memory only, lost on reload.
  const [sentValues, setSentValues] = useState<SignupValues | null>(null);
  const [email, setEmail] = useState('');
  const [resendAt, setResendAt] = useState(0);
  const [formNotice, setFormNotice] = useState<string>();
  const [formErrors, setFormErrors] = useState<Record<string, string>>();
  const requestFocus = useFocusRequest();

  // sessionStorage only exists in the browser, so a reload restores the step after hydration.
  useEffect(() => {
    const stored = readStoredSignup();
    if (stored?.email) {
      setValues((current) => ({ ...current, email: stored.email }));
      if (stored.step === 'code') {
        setEmail(stored.email);
        setStep('code');
      }
    }
    setHydrated(true);
  }, []);

  function goToCode(submitted: SignupValues, normalizedEmail: string, cooldownSeconds: number) {
    setSentValues(submitted);
    setEmail(normalizedEmail);
    setResendAt(Date.now() + cooldownSeconds * 1000);
    setFormNotice(undefined);
    setFormErrors(undefined);
    setStep('code');
    writeStoredSignup({ step: 'code', email: normalizedEmail });
    requestFocus('signup-code');
  }

  function backToForm(options: { notice?: string; errors?: Record<string, string>; focus?: string }) {
    setValues((current) => ({ ...current, email: current.email || email }));
    setFormNotice(options.notice);
    setFormErrors(options.errors);
    setStep('form');
    writeStoredSignup({ step: 'form', email: values.email || email });
    if (options.focus) requestFocus(options.focus);
  }

  async function resend(): Promise<ResendOutcome> {
    if (!sentValues) {
      backToForm({
        notice: 'To send a new code, please enter your details again. We kept your email address.',
        focus: fieldId('firstName'),
      });
      return { kind: 'moved' };
    }
    const result = await requestSignupCode(toSignupPayload(sentValues));
    const answer = resendAnswer(result);
    if (answer) {
      setResendAt(Date.now() + answer.waitSeconds * 1000);
      return answer.outcome;
    }
    if (
      result.kind === 'error' &&
      result.error?.code === 'validation_failed' &&
      result.error.issues?.length
    ) {
      const errors = firstIssueByPath(result.error.issues);
      backToForm({ errors, focus: firstInvalidFieldId(errors) });
      return { kind: 'moved' };
    }
    return { kind: 'failed', message: describeFailure(result, { detailsKept: true }) };
  }

  function verified() {
    clearStoredSignup();
    setValues(emptySignupValues);
    setSentValues(null);
    setStep('done');
    requestFocus('signup-done-heading');
  }

  if (step === 'code') {
    return (
      <CodeEntry
        idPrefix="signup"
        headingId="signup-code-heading"
        stepLabel="Step 2 of 2"
        title="Check your email"
        email={email}
        sentMessage={
          // True for a new signup (the email has a code) and for an address that already has an
          // account (its email says so, with no code), without saying which.
          <>
            We sent an email to <strong className="font-semibold break-words text-slate-900">{email}</strong>{' '}
            with the next step. If it has a 6-digit code, enter it below; the code expires in 10 minutes.
          </>
        }
        resendAt={resendAt}
        verify={(code) => verifySignupCode({ email, code })}
        onVerified={verified}
        onResend={resend}
        onUseDifferentEmail={() => backToForm({ focus: fieldId('email') })}
      />
    );
  }

  if (step === 'done') {
    return (
      <div>
        <h2
          id="signup-done-heading"
          tabIndex={-1}
          className="flex items-center gap-3 text-2xl font-bold tracking-tight text-slate-900"
        >
          <CheckCircleIcon className="size-8 shrink-0 text-brand-600" />
          Your email is confirmed
        </h2>
        <h3 className="mt-6 text-lg font-semibold text-slate-900">What happens next</h3>
        <p className="mt-2 text-slate-700">
          Booking video visits is not open yet, and we do not have a date for it. When you can book your first
          visit with a clinician licensed in your state, we will email you; the email will come from{' '}
          {brandName}. Until then there is nothing more to do, and you can close this page.
        </p>
        <p className="mt-3 text-slate-700">
          To make sure our emails reach you, check your spam or junk folder if you don&rsquo;t see them.
        </p>
        <h3 className="mt-6 text-lg font-semibold text-slate-900">If you need care now</h3>
        <p className="mt-2 text-slate-700">Please don&rsquo;t wait for us:</p>
        <ul className="mt-2 list-disc space-y-1.5 pl-6 text-slate-700">
          <li>
            In an emergency, call{' '}
            <a href="tel:911" className="font-semibold text-brand-700 underline">
              911
            </a>{' '}
            or go to the nearest emergency room.
          </li>
          <li>
            In a mental-health crisis, call or text{' '}
            <a href="tel:988" className="font-semibold text-brand-700 underline">
              988
            </a>
            , the Suicide &amp; Crisis Lifeline, at any time.
          </li>
          <li>For anything else that can&rsquo;t wait, contact your own doctor or an urgent care clinic.</li>
        </ul>
      </div>
    );
  }

  return (
    <SignupForm
      servedStates={servedStates}
      values={values}
      onValuesChange={setValues}
      interactive={hydrated}
      notice={formNotice}
      initialErrors={formErrors}
      onCodeSent={goToCode}
      onAlreadyHaveCode={goToCode}
    />
  );
}
