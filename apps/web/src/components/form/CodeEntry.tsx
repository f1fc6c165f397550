'use client';

import { checkOtpCode, OTP_LENGTH } from '@telehealth/contracts/client';
import {
  type ChangeEvent,
  type ClipboardEvent,
  type FormEvent,
  type InputEvent,
  type ReactNode,
  useEffect,
  useRef,
  useState,
} from 'react';
import { describeFailure } from '../api/describe-failure';
import type { ApiResult } from '../api/request';
import { formatCountdown, onlyDigits } from './time';

export type ResendOutcome =
  | { kind: 'sent' }
  /** `message` says when to try again (see `rateLimitedMessage`). */
  | { kind: 'rate_limited'; message: string; seconds: number }
  | { kind: 'failed'; message: string }
  /** The flow went back to the email (details lost after a reload, or rejected by the server). */
  | { kind: 'moved' };

export interface CodeEntryProps<T> {
  /** Prefix of the element ids: `signup` gives `signup-code`, `signup-code-sent`, … */
  idPrefix: string;
  /** Above the heading, e.g. "Step 2 of 2". */
  stepLabel: string;
  title: string;
  /** The heading's id (it names the form; focusable, for flows that move focus to it). */
  headingId: string;
  email: string;
  /**
   * What was sent, shown under the heading (the code box is described by it). Defaults to "We sent a
   * 6-digit code to …". Signup words it so that it is also true when the address already has an
   * account, whose owner gets an email without a code.
   */
  sentMessage?: ReactNode;
  /** Epoch ms from which a new code may be requested. */
  resendAt: number;
  /** Sends the code to the server, e.g. `(code) => verifySignupCode({ email, code })`. */
  verify: (code: string) => Promise<ApiResult<T>>;
  /** The code was accepted; `body` is the endpoint's answer, already parsed by its contract. */
  onVerified: (body: T) => void;
  onResend: () => Promise<ResendOutcome>;
  onUseDifferentEmail: () => void;
}

const wrongCodeFallback = 'That code did not work. Check the latest email from us and try again.';

function useSecondsUntil(deadline: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (deadline <= Date.now()) return;
    const timer = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= deadline) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [deadline]);
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/**
 * Entering a 6-digit code from an email: typing, pasting or autofill (`one-time-code`), submitted by
 * itself at the sixth digit; "Send a new code" with a countdown; "Use a different email". Patient
 * signup and the clinician application both use it.
 */
export function CodeEntry<T>(props: CodeEntryProps<T>) {
  const { idPrefix, email, resendAt, onResend, onUseDifferentEmail } = props;
  const inputId = `${idPrefix}-code`;
  const sentId = `${idPrefix}-code-sent`;
  const errorId = `${idPrefix}-code-error`;
  const countdownId = `${idPrefix}-resend-countdown`;
  const [code, setCode] = useState('');
  // `key` re-mounts the alert so the same message is announced again on a second failure.
  const [error, setError] = useState<{ message: string; key: number } | null>(null);
  const [notice, setNotice] = useState('');
  const [verifying, setVerifying] = useState(false);
  const [resending, setResending] = useState(false);
  // Guards against a double submit (auto-submit on the 6th digit, then Enter) before React re-renders.
  const busy = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const secondsLeft = useSecondsUntil(resendAt);

  function showError(message: string, { clearCode }: { clearCode: boolean }) {
    setError((previous) => ({ message, key: (previous?.key ?? 0) + 1 }));
    if (clearCode) setCode('');
    input.current?.focus();
  }

  async function verify(candidate: string) {
    if (busy.current) return;
    const checked = checkOtpCode(candidate);
    if (!checked.ok) {
      showError(checked.message, { clearCode: false });
      return;
    }
    busy.current = true;
    setVerifying(true);
    setNotice('');
    const result = await props.verify(checked.code);
    busy.current = false;
    setVerifying(false);

    if (result.kind === 'ok') {
      props.onVerified(result.data);
      return;
    }
    if (result.kind === 'error' && result.status === 429) {
      showError(describeFailure(result), { clearCode: true });
      return;
    }
    if (result.kind === 'error' && result.status >= 400 && result.status < 500) {
      // One message for a wrong, expired or unknown code: the server's.
      showError(result.error?.message ?? wrongCodeFallback, { clearCode: true });
      return;
    }
    // Busy, timed out or offline: the code stays in the box; the person only has to press again.
    showError(describeFailure(result), { clearCode: false });
  }

  function accept(digits: string) {
    setCode(digits);
    if (error) setError(null);
    if (digits.length === OTP_LENGTH) void verify(digits);
  }

  function handleChange(event: ChangeEvent<HTMLInputElement>) {
    accept(onlyDigits(event.target.value, OTP_LENGTH));
  }

  /** Puts `text` in place of the selection, keeping only digits. */
  function insert(target: HTMLInputElement, text: string) {
    const start = target.selectionStart ?? code.length;
    const end = target.selectionEnd ?? code.length;
    accept(onlyDigits(code.slice(0, start) + text + code.slice(end), OTP_LENGTH));
  }

  // maxLength would cut "123 456" to "123 45" before onChange sees it, so pastes and multi-character
  // insertions (autofill, a password manager) that contain non-digits are handled here.
  function handlePaste(event: ClipboardEvent<HTMLInputElement>) {
    const pasted = event.clipboardData.getData('text');
    if (!pasted) return;
    event.preventDefault();
    insert(event.currentTarget, pasted);
  }

  function handleBeforeInput(event: InputEvent<HTMLInputElement>) {
    const { data } = event;
    if (!data || data.length < 2 || !/\D/.test(data)) return;
    event.preventDefault();
    insert(event.currentTarget, data);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void verify(code);
  }

  async function handleResend() {
    if (secondsLeft > 0 || resending) return;
    setResending(true);
    setNotice('Sending a new code…');
    const outcome = await onResend();
    setResending(false);
    if (outcome.kind === 'moved') return;
    if (outcome.kind === 'sent') {
      setError(null);
      setCode('');
      setNotice(`We sent a new code to ${email}. Use the code from the newest email.`);
      input.current?.focus();
      return;
    }
    setNotice('');
    showError(outcome.message, { clearCode: false });
  }

  const resendBlocked = secondsLeft > 0 || resending;

  return (
    <form method="post" noValidate aria-labelledby={props.headingId} onSubmit={handleSubmit}>
      <p className="text-sm font-semibold text-brand-700">{props.stepLabel}</p>
      <h2
        id={props.headingId}
        tabIndex={-1}
        className="mt-1 text-2xl font-bold tracking-tight text-slate-900"
      >
        {props.title}
      </h2>
      <p id={sentId} className="mt-2 text-slate-700">
        {props.sentMessage ?? (
          <>
            We sent a 6-digit code to{' '}
            <strong className="font-semibold break-words text-slate-900">{email}</strong>. It expires in 10
            minutes.
          </>
        )}
      </p>

      <div className="mt-6">
        <label htmlFor={inputId} className="block text-sm font-semibold text-slate-800">
          6-digit code
        </label>
        <input
          ref={input}
          id={inputId}
          name="code"
          type="text"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={OTP_LENGTH}
          value={code}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${sentId} ${errorId}` : sentId}
          className={`mt-1.5 block w-full max-w-[12rem] rounded-md border bg-white px-3 py-2.5 font-mono text-2xl tracking-[0.3em] text-slate-900 shadow-sm ${
            error ? 'border-red-700 ring-1 ring-red-700' : 'border-slate-500'
          }`}
          onChange={handleChange}
          onPaste={handlePaste}
          onBeforeInput={handleBeforeInput}
        />
        {error ? (
          <p key={error.key} id={errorId} role="alert" className="mt-1.5 text-sm font-medium text-red-700">
            {error.message}
          </p>
        ) : null}
      </div>

      <p aria-live="polite" className="mt-3 min-h-[1.25rem] text-sm text-slate-700">
        {verifying ? 'Checking your code…' : notice}
      </p>

      <div className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-center">
        <button
          type="submit"
          aria-disabled={verifying || undefined}
          className="inline-flex items-center justify-center rounded-md bg-brand-600 px-5 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-700 aria-disabled:cursor-progress aria-disabled:bg-brand-700"
        >
          Confirm email
        </button>
        <button
          type="button"
          aria-disabled={resendBlocked || undefined}
          aria-describedby={secondsLeft > 0 ? countdownId : undefined}
          className="inline-flex items-center justify-center rounded-md border border-brand-700 bg-white px-5 py-3 text-base font-semibold text-brand-700 hover:bg-brand-50 aria-disabled:cursor-not-allowed aria-disabled:border-slate-400 aria-disabled:text-slate-600 aria-disabled:hover:bg-white"
          onClick={handleResend}
        >
          Send a new code
        </button>
      </div>
      {secondsLeft > 0 ? (
        <p id={countdownId} className="mt-2 text-sm text-slate-600">
          You can ask for a new code in {formatCountdown(secondsLeft)}
        </p>
      ) : null}

      <p className="mt-6 text-sm text-slate-700">
        No email after a few minutes? Check your spam or junk folder, then ask for a new code.
      </p>
      <p className="mt-2 text-sm text-slate-700">
        Wrong address?{' '}
        <button
          type="button"
          className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline"
          onClick={onUseDifferentEmail}
        >
          Use a different email
        </button>
      </p>
    </form>
  );
}
