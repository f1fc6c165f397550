'use client';
import type { TotpEnrolment as Enrolment } from '@telehealth/contracts/client';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { describeFailure } from '../api/describe-failure';
import { confirmTotp, getTotpEnrolment } from '../api/staff';
import { buttonClass, FormAlert, inputClass } from './ui';

/**
 * Sets up the authenticator app: the QR code and the manual key, then the first code confirms it.
 * `onEnrolled` gets the 10 backup codes, which the next step shows once.
 */
export function TotpEnrolment({
  onEnrolled,
  onExpired,
}: {
  onEnrolled: (codes: string[]) => void;
  onExpired: () => void;
}) {
  const id = useId();
  const [details, setDetails] = useState<Enrolment | undefined>();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    getTotpEnrolment().then((result) => {
      if (!live) return;
      if (result.kind === 'ok') setDetails(result.data);
      else if (result.kind === 'error' && result.status === 401) onExpired();
      else setError(describeFailure(result));
    });
    return () => {
      live = false;
    };
  }, [onExpired]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) {
      setError('Enter the 6 digits your app shows.');
      return;
    }
    setBusy(true);
    const result = await confirmTotp({ code: code.trim() });
    setBusy(false);
    if (result.kind === 'ok') return onEnrolled(result.data.backupCodes);
    if (result.kind === 'error' && result.status === 401) return onExpired();
    setError(describeFailure(result));
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-xl font-bold">
        Set up your authenticator app
      </h2>
      <p className="mt-2 text-slate-700">
        Your role needs a second step at every sign-in. Scan this code with an authenticator app (for example
        Google Authenticator, Microsoft Authenticator or 1Password), or type the key by hand.
      </p>
      {details ? (
        <div className="mt-4 flex flex-col items-start gap-4 sm:flex-row">
          <div
            role="img"
            aria-label="QR code for your authenticator app"
            className="size-48 shrink-0 border border-slate-200 [&>svg]:size-full"
            // The SVG is made on our server by the qrcode library from the otpauth URI: no user input.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: server-generated QR code SVG.
            dangerouslySetInnerHTML={{ __html: details.qrSvg }}
          />
          <div>
            <p className="text-sm font-semibold text-slate-800">Key to type by hand</p>
            <p className="mt-1 font-mono text-lg tracking-wider break-all" data-testid="totp-manual-key">
              {details.manualKey}
            </p>
            <p className="mt-1 text-sm text-slate-600">Time-based, 6 digits, every 30 seconds.</p>
          </div>
        </div>
      ) : (
        !error && <p className="mt-4 text-slate-700">Preparing your code…</p>
      )}
      <form noValidate onSubmit={submit} className="mt-6 max-w-sm">
        <label htmlFor={`${id}-code`} className="block text-sm font-semibold text-slate-800">
          The 6-digit code your app shows now
        </label>
        <input
          id={`${id}-code`}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          className={inputClass}
          value={code}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setCode(event.target.value)}
        />
        <FormAlert id={`${id}-error`}>{error}</FormAlert>
        <button type="submit" className={`${buttonClass} mt-4`} disabled={busy || !details}>
          {busy ? 'Checking…' : 'Confirm'}
        </button>
      </form>
    </section>
  );
}

/** The backup codes, shown this once; the person confirms they kept them before going on. */
export function BackupCodesList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-xl font-bold">
        Save your backup codes
      </h2>
      <p className="mt-2 text-slate-700">
        If you lose your phone, each of these codes signs you in once instead of the app. Keep them somewhere
        safe, such as a password manager. We will not show them again.
      </p>
      <ol className="mt-4 grid grid-cols-2 gap-2 font-mono text-lg" data-testid="backup-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <button type="button" className={`${buttonClass} mt-6`} onClick={onDone}>
        I have saved them, continue
      </button>
    </section>
  );
}
