/**
 * Only the step and the email survive a reload (sessionStorage, this tab only); the rest of the
 * form stays in memory so no other personal data is written to the browser.
 */
export interface StoredSignup {
  step: 'form' | 'code';
  email: string;
}

const KEY = 'signup-flow';

export function readStoredSignup(): StoredSignup | undefined {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { step, email } = value as Record<string, unknown>;
    if ((step !== 'form' && step !== 'code') || typeof email !== 'string') return undefined;
    return { step, email };
  } catch {
    return undefined;
  }
}

export function writeStoredSignup(value: StoredSignup): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify({ step: value.step, email: value.email }));
  } catch {
    // Storage may be unavailable (private mode, quota); the flow still works without reload support.
  }
}

export function clearStoredSignup(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // See writeStoredSignup.
  }
}
