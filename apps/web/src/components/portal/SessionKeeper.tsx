'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { buttonClass } from './ui';

const IDLE_MS = 20 * 60_000;
const WARN_BEFORE_MS = 2 * 60_000;
/** Activity renews the session at most this often (each renewal is a request). */
const RENEW_EVERY_MS = 60_000;

/**
 * The idle timeout, seen from the page: activity (a key, a click, a tap) renews the 20-minute
 * session through next-auth's GET /api/auth/session, which re-issues the cookie; two minutes before
 * it would end a dialog offers "Stay signed in". Nothing renews it on a timer, so an unattended
 * screen signs out. The 12-hour limit is the server's and is not extended by anything.
 */
export function SessionKeeper() {
  const renewedAt = useRef(Date.now());
  const [warning, setWarning] = useState(false);

  const renew = useCallback(async () => {
    renewedAt.current = Date.now();
    setWarning(false);
    const response = await fetch('/api/auth/session', { cache: 'no-store' }).catch(() => undefined);
    const session = response?.ok ? await response.json().catch(() => null) : null;
    if (response && !session) window.location.assign('/portal/sign-in?expired=1');
  }, []);

  useEffect(() => {
    // A page load reads the session without renewing the cookie: renew it now, so the countdown
    // shown here and the cookie's own expiry start together.
    void renew();
    const onActivity = () => {
      if (Date.now() - renewedAt.current > RENEW_EVERY_MS) void renew();
    };
    const events = ['keydown', 'pointerdown'] as const;
    for (const name of events) window.addEventListener(name, onActivity, { passive: true });
    const timer = setInterval(() => {
      const idle = Date.now() - renewedAt.current;
      if (idle >= IDLE_MS) window.location.assign('/portal/sign-in?expired=1');
      else if (idle >= IDLE_MS - WARN_BEFORE_MS) setWarning(true);
    }, 5_000);
    return () => {
      for (const name of events) window.removeEventListener(name, onActivity);
      clearInterval(timer);
    };
  }, [renew]);

  if (!warning) return null;
  return (
    <div
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="session-warning-title"
      className="fixed inset-x-4 bottom-4 z-50 mx-auto max-w-md rounded-lg border border-slate-300 bg-white p-4 shadow-lg"
    >
      <p id="session-warning-title" className="font-semibold">
        You will be signed out in 2 minutes because nothing happened for a while.
      </p>
      <button type="button" className={`${buttonClass} mt-3`} onClick={() => void renew()}>
        Stay signed in
      </button>
    </div>
  );
}
