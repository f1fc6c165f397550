'use client';
import {
  PASSWORD_MIN_LENGTH,
  passwordLength,
  passwordLengthProblem,
  type SignInStep,
} from '@telehealth/contracts/client';
import { signIn } from 'next-auth/react';
import { type FormEvent, useCallback, useId, useState } from 'react';
import { describeFailure } from '../api/describe-failure';
import { acceptInvitation, startStaffSignIn } from '../api/staff';
import { PasswordRules } from './PasswordRules';
import { BackupCodesList, TotpEnrolment } from './TotpEnrolment';
import { buttonClass, FormAlert, inputClass } from './ui';

type Step = 'start' | SignInStep['next'] | 'backup-codes';

const EXPIRED = 'Your sign-in took too long. Please sign in again with your email and password.';

/**
 * A staff sign-in, from the sign-in page (email and password) or an invitation link (choose a
 * password). Then, as the server says: a code from the app, setting up the app, or nothing; the
 * session is issued by next-auth's `staff` provider, which spends the ticket cookie.
 */
export function StaffSignIn(
  props: { mode: 'sign-in' } | { mode: 'invitation'; token: string; email: string },
) {
  const id = useId();
  const [step, setStep] = useState<Step>('start');
  const [email, setEmail] = useState(props.mode === 'invitation' ? props.email : '');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [backupCodes, setBackupCodes] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const restart = useCallback(() => {
    setStep('start');
    setPassword('');
    setCode('');
    setError(props.mode === 'invitation' ? undefined : EXPIRED);
    if (props.mode === 'invitation') window.location.assign('/portal/sign-in');
  }, [props.mode]);

  async function finish(withCode?: string): Promise<boolean> {
    const result = await signIn('staff', { code: withCode ?? '', redirect: false });
    if (result?.ok && !result.error) {
      window.location.assign('/portal');
      return true;
    }
    return false;
  }

  async function submitStart(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setFieldError(undefined);
    if (props.mode === 'invitation') {
      const problem = passwordLengthProblem(password);
      if (problem) return setFieldError(problem);
    } else if (!email.trim() || !password) {
      return setError('Enter your email and password.');
    }
    setBusy(true);
    const result =
      props.mode === 'invitation'
        ? await acceptInvitation({ token: props.token, password })
        : await startStaffSignIn({ email, password });
    if (result.kind !== 'ok') {
      setBusy(false);
      const issue =
        result.kind === 'error' ? result.error?.issues?.find((i) => i.path === 'password') : undefined;
      if (issue) return setFieldError(issue.message);
      return setError(describeFailure(result));
    }
    setPassword('');
    if (result.data.next === 'complete') {
      if (!(await finish())) {
        setBusy(false);
        restart();
      }
      return;
    }
    setBusy(false);
    setStep(result.data.next);
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    if (!code.trim()) return setError('Enter the 6-digit code from your app, or a backup code.');
    setBusy(true);
    setError(undefined);
    const ok = await finish(code.trim());
    setBusy(false);
    if (!ok) {
      setCode('');
      setError(
        'That code did not work. Enter the newest code from your app, or a backup code. After several wrong codes you need to sign in again.',
      );
    }
  }

  if (step === 'enrol') {
    return (
      <TotpEnrolment
        onExpired={restart}
        onEnrolled={(codes) => {
          setBackupCodes(codes);
          setStep('backup-codes');
        }}
      />
    );
  }
  if (step === 'backup-codes') {
    return (
      <BackupCodesList
        codes={backupCodes}
        onDone={async () => {
          if (!(await finish())) restart();
        }}
      />
    );
  }
  if (step === 'second-factor') {
    return (
      <form noValidate onSubmit={submitCode} aria-labelledby={`${id}-code-title`}>
        <h2 id={`${id}-code-title`} className="text-xl font-bold">
          Enter your code
        </h2>
        <label htmlFor={`${id}-code`} className="mt-4 block text-sm font-semibold text-slate-800">
          The 6-digit code from your authenticator app
        </label>
        <p id={`${id}-code-hint`} className="text-sm text-slate-600">
          Lost your phone? Enter one of your backup codes instead.
        </p>
        <input
          id={`${id}-code`}
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={20}
          className={inputClass}
          value={code}
          aria-describedby={`${id}-code-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setCode(event.target.value)}
        />
        <FormAlert id={`${id}-error`}>{error}</FormAlert>
        <button type="submit" className={`${buttonClass} mt-4 w-full sm:w-auto`} disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    );
  }

  const invitation = props.mode === 'invitation';
  const count = passwordLength(password);
  return (
    <form noValidate onSubmit={submitStart}>
      <label htmlFor={`${id}-email`} className="block text-sm font-semibold text-slate-800">
        Email
      </label>
      <input
        id={`${id}-email`}
        name="email"
        type="email"
        autoComplete="username"
        spellCheck={false}
        autoCapitalize="none"
        readOnly={invitation}
        className={`${inputClass} ${invitation ? 'bg-slate-100' : ''}`}
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <label htmlFor={`${id}-password`} className="mt-4 block text-sm font-semibold text-slate-800">
        {invitation ? 'Choose a password' : 'Password'}
      </label>
      {invitation && <PasswordRules id={`${id}-rules`} />}
      <input
        id={`${id}-password`}
        name="password"
        type="password"
        autoComplete={invitation ? 'new-password' : 'current-password'}
        className={inputClass}
        value={password}
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={
          [invitation ? `${id}-rules ${id}-count` : '', fieldError ? `${id}-password-error` : '']
            .filter(Boolean)
            .join(' ') || undefined
        }
        onChange={(event) => setPassword(event.target.value)}
      />
      {invitation && (
        // One line, always there: the count changes as the person types and never moves the button.
        <p id={`${id}-count`} className="mt-1 h-5 text-sm text-slate-600">
          {count} of at least {PASSWORD_MIN_LENGTH} characters
        </p>
      )}
      {fieldError && (
        <p id={`${id}-password-error`} className="mt-1.5 text-sm font-medium text-red-700">
          <span className="sr-only">Error: </span>
          {fieldError}
        </p>
      )}
      <FormAlert>{error}</FormAlert>
      <button type="submit" className={`${buttonClass} mt-6 w-full sm:w-auto`} disabled={busy}>
        {busy ? 'One moment…' : invitation ? 'Set password' : 'Continue'}
      </button>
    </form>
  );
}
