import 'server-only';
import {
  type CodeSent,
  legalDocuments,
  type PendingSignupDetails,
  type ProvisionalPatient,
  signupMessages,
  staleDocuments,
  type VerifyPatientResult,
  type verifyPatientSchema,
} from '@telehealth/contracts';
import type { EmailVerificationRecord, PatientRepository } from '@telehealth/data';
import type { z } from 'zod';
import type { AuditTrail } from '../audit/audit';
import { alreadyConfirmedEmail, verificationCodeEmail } from '../email/templates';
import { CODE_TTL_MINUTES, type EmailCodes } from '../email-verification/service';
import { ApiError, type RequestContext } from '../http';
import { log } from '../log';
import type { RateLimiter } from '../rate-limit';

export const signupLimits = {
  signupsPerIp: { name: 'signup-ip', limit: 20, windowSeconds: 3600 },
} as const;

export interface SignupServiceDeps {
  patients: PatientRepository;
  codes: EmailCodes;
  audit: AuditTrail;
  limiter: RateLimiter;
  brandName: string;
  appUrl: string;
}

export type VerifyPatient = z.output<typeof verifyPatientSchema>;

const PURPOSE = 'patient-signup';

/** Each document's accepted version, accepted when the signup was sent. */
function acceptance(versions: ProvisionalPatient['consent']['versions'], acceptedAt: string) {
  return {
    telehealth: { version: versions.telehealth, acceptedAt },
    privacy: { version: versions.privacy, acceptedAt },
    terms: { version: versions.terms, acceptedAt },
  };
}

export function createSignupService(deps: SignupServiceDeps) {
  const { patients, codes, audit, limiter } = deps;

  /**
   * Stores the signup's details with a new code, bound to this browser (`bindingId`, the signup
   * cookie), and emails the code. The caller learns nothing about whether the email was known: a
   * verified address gets a "you're already confirmed" email and its patient is never changed.
   */
  async function requestCode(
    input: ProvisionalPatient,
    bindingId: string,
    ctx: RequestContext,
  ): Promise<CodeSent> {
    // Nobody accepts a document they were not shown: a page opened before a document changed is
    // refused before anything is written or sent.
    const stale = staleDocuments(input.consent.versions);
    if (stale.length) {
      const titles = stale.map((key) => legalDocuments[key].title).join(' and ');
      throw new ApiError('conflict', signupMessages.documentsChanged(titles));
    }
    await limiter.limit(signupLimits.signupsPerIp, ctx.ip, ctx.now, 'Too many sign-ups from this network.');
    const [prepared, patient] = await Promise.all([
      codes.prepareSend(PURPOSE, bindingId, input.email, ctx),
      patients.get(input.email),
    ]);
    if (patient?.status === 'VERIFIED') {
      return codes.send(
        prepared,
        {
          withCode: false,
          audit: {
            action: 'patient.signup.repeated',
            subject: `patient#${patient.patientId}`,
            details: { changed: false },
          },
          email: () => alreadyConfirmedEmail({ brandName: deps.brandName, appUrl: deps.appUrl }),
        },
        ctx,
      );
    }
    const details: PendingSignupDetails = {
      firstName: input.firstName,
      lastName: input.lastName,
      phone: input.phone,
      dateOfBirth: input.dateOfBirth,
      state: input.state,
      consent: acceptance(input.consent.versions, ctx.now.toISOString()),
    };
    const sent = await codes.send(
      prepared,
      {
        withCode: true,
        details,
        audit: {
          action: prepared.record?.details ? 'patient.provisional.updated' : 'patient.provisional.created',
          subject: `patient#${prepared.subjectId}`,
          details: { codeSent: true, state: input.state },
        },
        email: (code) =>
          verificationCodeEmail({
            brandName: deps.brandName,
            code: code ?? '',
            minutesValid: CODE_TTL_MINUTES,
          }),
      },
      ctx,
    );
    log.info('signup.code_sent', { requestId: ctx.requestId });
    return sent;
  }

  /**
   * Verifies the code from the browser that asked for it. The code is used, the patient created
   * from this signup's details and the audit event written in one transaction.
   */
  async function verify(
    input: VerifyPatient,
    bindingId: string | undefined,
    ctx: RequestContext,
  ): Promise<VerifyPatientResult> {
    const subjectOf = (record: EmailVerificationRecord) => `patient#${record.subjectId}`;
    const result = await codes.verify(
      PURPOSE,
      bindingId,
      input.email,
      input.code,
      ctx,
      (record) => {
        // A code is only ever sent with the details it confirms (requestCode above).
        const details = record.details as PendingSignupDetails;
        return [
          patients.createVerified({
            email: input.email,
            patientId: record.subjectId,
            ...details,
            now: ctx.now.toISOString(),
          }),
          {
            Put: audit.transactionPut({ action: 'patient.verified', subject: subjectOf(record) }, ctx),
          },
        ];
      },
      subjectOf,
    );
    if (result.outcome === 'refused') {
      // The email became a verified patient (another browser) since this code was sent. The code
      // proved the address, so it is confirmed; the existing patient is left as it is.
      const existing = await patients.get(input.email);
      await codes.confirmWithoutChange(
        result.record,
        {
          action: 'patient.signup.repeated',
          subject: `patient#${existing?.patientId ?? result.record.subjectId}`,
          details: { changed: false },
        },
        ctx,
      );
    }
    log.info('signup.verified', { requestId: ctx.requestId });
    return { status: 'verified' };
  }

  return { requestCode, verify };
}

export type SignupService = ReturnType<typeof createSignupService>;
