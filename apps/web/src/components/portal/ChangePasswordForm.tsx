'use client';
import { PASSWORD_MIN_LENGTH, passwordLength, passwordLengthProblem } from '@telehealth/contracts/client';
import { type FormEvent, useId, useState } from 'react';
import { describeFailure } from '../api/describe-failure';
import { changeStaffPassword } from '../api/staff';
import { PasswordRules } from './PasswordRules';
import { buttonClass, FormAlert, inputClass } from './ui';

/** Changes the password with the current one; every session ends, so the page goes to sign-in. */
export function ChangePasswordForm() {
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<{ currentPassword?: string; newPassword?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const lengthProblem = passwordLengthProblem(next);
    if (!current || lengthProblem) {
      setErrors({
        ...(current ? {} : { currentPassword: 'Enter your current password.' }),
        ...(lengthProblem ? { newPassword: lengthProblem } : {}),
      });
      return;
    }
    setBusy(true);
    setErrors({});
    const result = await changeStaffPassword({ currentPassword: current, newPassword: next });
    setBusy(false);
    if (result.kind === 'ok') {
      window.location.assign('/portal/sign-in?passwordChanged=1');
      return;
    }
    const issues = result.kind === 'error' ? (result.error?.issues ?? []) : [];
    const byField = Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
    setErrors(issues.length ? byField : { form: describeFailure(result) });
  }

  const field = (name: 'currentPassword' | 'newPassword') => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby':
      [name === 'newPassword' ? `${id}-rules ${id}-count` : '', errors[name] ? `${id}-${name}-error` : '']
        .filter(Boolean)
        .join(' ') || undefined,
  });
  const error = (name: 'currentPassword' | 'newPassword') =>
    errors[name] && (
      <p id={`${id}-${name}-error`} className="mt-1.5 text-sm font-medium text-red-700">
        <span className="sr-only">Error: </span>
        {errors[name]}
      </p>
    );

  return (
    <form noValidate onSubmit={submit} className="mt-4 max-w-md">
      <label htmlFor={`${id}-current`} className="block text-sm font-semibold text-slate-800">
        Current password
      </label>
      <input
        id={`${id}-current`}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        className={inputClass}
        value={current}
        onChange={(event) => setCurrent(event.target.value)}
        {...field('currentPassword')}
      />
      {error('currentPassword')}
      <label htmlFor={`${id}-new`} className="mt-4 block text-sm font-semibold text-slate-800">
        New password
      </label>
      <PasswordRules id={`${id}-rules`} />
      <input
        id={`${id}-new`}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        className={inputClass}
        value={next}
        onChange={(event) => setNext(event.target.value)}
        {...field('newPassword')}
      />
      <p id={`${id}-count`} className="mt-1 h-5 text-sm text-slate-600">
        {passwordLength(next)} of at least {PASSWORD_MIN_LENGTH} characters
      </p>
      {error('newPassword')}
      <FormAlert>{errors.form}</FormAlert>
      <button type="submit" className={`${buttonClass} mt-6`} disabled={busy}>
        {busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
