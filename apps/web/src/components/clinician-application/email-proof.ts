import { firstIssueByPath, OTP_RESEND_COOLDOWN_SECONDS, type VerifiedEmail } from '@telehealth/contracts';
import { forgetApplicantSession, getApplicantSession, requestApplicantCode } from '../api/applicant';
import { describeFailure, unreachable } from '../api/describe-failure';

/**
 * The clinician application starts by proving the applicant's email with a 6-digit code. The
 * server keeps the proof in an HttpOnly cookie (12 hours); the page can only ask whether it has one.
 */

export interface ProofCheck {
  /** The email this browser has proven, or null when none (or when the server could not say). */
  proof: VerifiedEmail | null;
  /** Set when the server could not be reached (busy, timed out, offline): what the form should say. */
  notice?: string;
}

/** `GET /api/clinician/email/session`: 200 with the proven email, 401 when there is none. */
export async function checkProof(): Promise<ProofCheck> {
  const result = await getApplicantSession();
  if (result.kind === 'ok') return { proof: result.data };
  return unreachable(result)
    ? { proof: null, notice: describeFailure(result, { detailsKept: true }) }
    : { proof: null };
}

export type SendCodeOutcome =
  | { kind: 'sent'; cooldownSeconds: number }
  /** The server refused the address: messages by contract path (`email`). */
  | { kind: 'invalid'; errors: Record<string, string> }
  /** `message` says when to try again; `seconds` is the server's `Retry-After`. */
  | { kind: 'rate_limited'; message: string; seconds: number }
  | { kind: 'failed'; message: string };

/** `POST /api/clinician/email/code`: emails a code, bound to this browser by a cookie. */
export async function sendCode(email: string): Promise<SendCodeOutcome> {
  const result = await requestApplicantCode({ email });
  if (result.kind === 'ok') return { kind: 'sent', cooldownSeconds: result.data.resendAfterSeconds };
  if (result.kind === 'error' && result.error?.code === 'validation_failed' && result.error.issues?.length) {
    return { kind: 'invalid', errors: firstIssueByPath(result.error.issues) };
  }
  if (result.kind === 'error' && result.status === 429) {
    // The countdown and the message use the same wait.
    const seconds = result.retryAfterSeconds ?? OTP_RESEND_COOLDOWN_SECONDS;
    return {
      kind: 'rate_limited',
      message: describeFailure({ ...result, retryAfterSeconds: seconds }),
      seconds,
    };
  }
  // Busy, timed out, offline, refused or broken: the shared sentence says which, and when to retry.
  return { kind: 'failed', message: describeFailure(result, { detailsKept: true }) };
}

/**
 * `DELETE /api/clinician/email/session`: forgets this browser's proof ("Start over", or a submitted
 * application), so the next person at this computer must prove their email again. Whether it worked:
 * the form does not offer a left-over proof to a new draft either way.
 */
export async function forgetProof(): Promise<boolean> {
  return (await forgetApplicantSession()).kind === 'ok';
}

/** Whether the application's email is the one this browser has proven. */
export function isProven(email: string, proof: VerifiedEmail | null): boolean {
  return Boolean(email) && proof?.email === email;
}

/** Why the email step is shown again, in the words the form uses. */
export const proofMessages = {
  /** A reload or return found no proof (or one for another email) for a draft already under way. */
  resume: 'To carry on with your application, confirm your email again. Your answers are kept.',
  /** The submit was refused with 401: this browser has no valid proof. */
  missing:
    'Before we can take your application, we need to confirm your email again: this browser no longer ' +
    'holds your confirmation (it lasts 12 hours). Your answers are kept; after confirming, you can submit.',
  /** The submit was refused with 403: the proof is for another email. */
  different:
    'This browser confirmed a different email from the one on your application. Confirm the email you ' +
    'want to use; your answers are kept, and you can submit after confirming.',
} as const;
