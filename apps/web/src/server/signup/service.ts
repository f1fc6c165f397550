import 'server-only';
import { randomUUID } from 'node:crypto';
import {
  OTP_RESEND_COOLDOWN_SECONDS,
  type ProvisionalPatient,
  type VerifyPatientResult,
  type verifyPatientSchema,
} from '@telehealth/contracts';
import { epochSeconds, type PatientRepository } from '@telehealth/data';
import type { z } from 'zod';
import type { AuditTrail } from '../audit/audit';
import type { SendEmail } from '../email/send';
import { alreadyConfirmedEmail, verificationCodeEmail } from '../email/templates';
import { ApiError, type RequestContext } from '../http';
import { log } from '../log';
import type { RateLimiter } from '../rate-limit';
import { generateCode, hashCode, hashesMatch } from './code';

export const CODE_TTL_MINUTES = 10;
/** Never the HMAC of any code (wrong length), so a condition on it always fails. */
const UNUSABLE_HASH = 'none';
export const MAX_CODE_ATTEMPTS = 5;
/** An unverified signup is deleted (TTL) after this long. */
const UNVERIFIED_RETENTION_DAYS = 7;

export const signupLimits = {
  signupsPerIp: { name: 'signup-ip', limit: 20, windowSeconds: 3600 },
  codesPerEmail: { name: 'otp-email', limit: 5, windowSeconds: 3600 },
  verifiesPerIp: { name: 'verify-ip', limit: 60, windowSeconds: 3600 },
} as const;

/** One message for a wrong, expired, used or locked code and an unknown email: it reveals nothing. */
export const INVALID_CODE_MESSAGE =
  'That code is not valid or has expired. Check the latest email we sent, or ask for a new code.';

export interface SignupServiceDeps {
  patients: PatientRepository;
  audit: AuditTrail;
  limiter: RateLimiter;
  sendEmail: SendEmail;
  secret: string;
  brandName: string;
  appUrl: string;
}

export type VerifyPatient = z.output<typeof verifyPatientSchema>;

export function createSignupService(deps: SignupServiceDeps) {
  const { patients, audit, limiter, secret } = deps;

  async function send(
    to: string,
    rendered: Promise<{ subject: string; html: string; text: string }>,
    ctx: RequestContext,
  ) {
    try {
      await deps.sendEmail({ to, ...(await rendered) });
    } catch (error) {
      log.error('email.send_failed', {
        requestId: ctx.requestId,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      throw new ApiError('service_unavailable', 'We could not send the email just now. Please try again.', {
        retryAfterSeconds: 5,
      });
    }
  }

  /**
   * Creates or refreshes the provisional patient and emails a new code. The caller learns nothing
   * about whether the email was known: a verified address gets a "you're already confirmed" email.
   */
  async function requestCode(
    input: ProvisionalPatient,
    ctx: RequestContext,
  ): Promise<{ status: 'code_sent' }> {
    const { now } = ctx;
    await limiter.limit(
      signupLimits.signupsPerIp,
      ctx.ip,
      now,
      'Too many sign-ups from this network. Please try again later.',
    );
    await limiter.cooldown(
      'otp-cooldown',
      input.email,
      OTP_RESEND_COOLDOWN_SECONDS,
      now,
      'We just sent a code to this address. Please wait before asking for another.',
    );
    try {
      await limiter.limit(
        signupLimits.codesPerEmail,
        input.email,
        now,
        'Too many codes were requested for this email. Please try again later.',
      );

      const code = generateCode();
      const written = await patients.writePending({
        email: input.email,
        newPatientId: randomUUID(),
        firstName: input.firstName,
        lastName: input.lastName,
        phone: input.phone,
        dateOfBirth: input.dateOfBirth,
        state: input.state,
        codeHash: hashCode(secret, input.email, code),
        codeExpiresAt: new Date(now.getTime() + CODE_TTL_MINUTES * 60_000).toISOString(),
        now: now.toISOString(),
        expiresAtEpoch: epochSeconds(now) + UNVERIFIED_RETENTION_DAYS * 86_400,
      });

      if (written.outcome === 'already_verified') {
        await send(
          input.email,
          alreadyConfirmedEmail({ brandName: deps.brandName, appUrl: deps.appUrl }),
          ctx,
        );
        await audit.record(
          {
            actor: 'public',
            action: 'patient.signup.repeated',
            subject: `patient#${written.patientId}`,
            details: { changed: false },
          },
          ctx,
        );
        return { status: 'code_sent' };
      }

      await send(
        input.email,
        verificationCodeEmail({ brandName: deps.brandName, code, minutesValid: CODE_TTL_MINUTES }),
        ctx,
      );
      await audit.record(
        {
          actor: 'public',
          action:
            written.outcome === 'created' ? 'patient.provisional.created' : 'patient.provisional.updated',
          subject: `patient#${written.patientId}`,
          details: { codeSent: true, state: input.state },
        },
        ctx,
      );
      log.info('signup.code_sent', { requestId: ctx.requestId, outcome: written.outcome });
      return { status: 'code_sent' };
    } catch (error) {
      // The request failed: free the cooldown so a retry works at once (the hourly limit still
      // bounds how many codes go out).
      await limiter.releaseCooldown('otp-cooldown', input.email);
      throw error;
    }
  }

  /**
   * Every attempt is counted atomically before the comparison, so concurrent guesses cannot exceed
   * MAX_CODE_ATTEMPTS; success removes the code so it never works again.
   */
  async function verify(input: VerifyPatient, ctx: RequestContext): Promise<VerifyPatientResult> {
    const { now } = ctx;
    await limiter.limit(
      signupLimits.verifiesPerIp,
      ctx.ip,
      now,
      'Too many attempts from this network. Please try again later.',
    );
    const invalid = new ApiError('invalid_code', INVALID_CODE_MESSAGE);

    const patient = await patients.get(input.email);
    if (!patient?.codeHash || patient.status !== 'PENDING_VERIFICATION') {
      // The same conditional write a real attempt makes (it fails here), so the answer's timing
      // does not tell an unknown email from a known one.
      await patients.consumeAttempt(input.email, UNUSABLE_HASH, MAX_CODE_ATTEMPTS, now.toISOString());
      throw invalid;
    }
    const subject = `patient#${patient.patientId}`;
    const nowIso = now.toISOString();

    const counted = await patients.consumeAttempt(input.email, patient.codeHash, MAX_CODE_ATTEMPTS, nowIso);
    if (!counted) {
      const reason = (patient.codeExpiresAt ?? '') <= nowIso ? 'expired' : 'locked';
      await audit.record(
        { actor: 'public', action: 'patient.verify.refused', subject, details: { reason } },
        ctx,
      );
      throw invalid;
    }
    if (!hashesMatch(hashCode(secret, input.email, input.code), patient.codeHash)) {
      await audit.record(
        { actor: 'public', action: 'patient.verify.refused', subject, details: { reason: 'wrong_code' } },
        ctx,
      );
      throw invalid;
    }
    if (!(await patients.markVerified(input.email, patient.codeHash, nowIso))) {
      await audit.record(
        { actor: 'public', action: 'patient.verify.refused', subject, details: { reason: 'used' } },
        ctx,
      );
      throw invalid;
    }
    await audit.record({ actor: `patient#${patient.patientId}`, action: 'patient.verified', subject }, ctx);
    log.info('signup.verified', { requestId: ctx.requestId });
    return { status: 'verified' };
  }

  return { requestCode, verify };
}

export type SignupService = ReturnType<typeof createSignupService>;
