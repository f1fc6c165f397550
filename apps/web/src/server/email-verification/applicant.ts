import 'server-only';
import { createHmac } from 'node:crypto';
import type { VerifiedEmail } from '@telehealth/contracts';
import type { EmailVerificationRecord } from '@telehealth/data';
import { jwtVerify, SignJWT } from 'jose';
import type { AuditTrail } from '../audit/audit';
import type { RequestContext } from '../http';
import type { EmailCodes } from './service';

/** How long a proven email may be used to submit an application: a long sitting, with documents. */
export const APPLICANT_PROOF_SECONDS = 12 * 3600;
export const APPLICANT_COOKIE = 'lumen-applicant';
const AUDIENCE = 'clinician-application';
const PURPOSE = 'clinician-application';

export const applicantLimits = {
  codesPerIp: { name: 'applicant-code-ip', limit: 20, windowSeconds: 3600 },
} as const;

export interface ApplicantEmailDeps {
  codes: EmailCodes;
  audit: AuditTrail;
  secret: string;
}

/** The proof, signed (HS256, jose) with a key derived from the server secret for this use only. */
export interface ApplicantProof extends VerifiedEmail {
  token: string;
}

/**
 * A clinician applicant proves their email with a 6-digit code before anything is filed under it.
 * The proof is a short-lived signed token bound to the email, kept in an HttpOnly cookie.
 */
export function createApplicantEmailService(deps: ApplicantEmailDeps) {
  const { codes, audit } = deps;
  const key = createHmac('sha256', deps.secret).update('applicant-proof:v1').digest();
  const subjectOf = (record: EmailVerificationRecord) => `clinician-applicant#${record.subjectId}`;

  function requestCode(email: string, bindingId: string, ctx: RequestContext) {
    return codes.sendProofCode(
      {
        purpose: PURPOSE,
        bindingId,
        email,
        perIp: applicantLimits.codesPerIp,
        subject: 'clinician-applicant',
        action: 'clinician.applicant.code_sent',
        page: 'clinician application',
      },
      ctx,
    );
  }

  async function verify(
    email: string,
    code: string,
    bindingId: string | undefined,
    ctx: RequestContext,
  ): Promise<ApplicantProof> {
    await codes.verify(
      PURPOSE,
      bindingId,
      email,
      code,
      ctx,
      (record) => [
        {
          Put: audit.transactionPut(
            { action: 'clinician.applicant.verified', subject: subjectOf(record) },
            ctx,
          ),
        },
      ],
      subjectOf,
    );
    const expiresAt = new Date(ctx.now.getTime() + APPLICANT_PROOF_SECONDS * 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(email)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(ctx.now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(key);
    return { status: 'verified', email, expiresAt: expiresAt.toISOString(), token };
  }

  /** The proven email in a token, or undefined when it is missing, forged or expired. */
  async function proven(token: string | undefined, now: Date): Promise<VerifiedEmail | undefined> {
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, key, {
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: now,
      });
      if (!payload.sub || !payload.exp) return undefined;
      return {
        status: 'verified',
        email: payload.sub,
        expiresAt: new Date(payload.exp * 1000).toISOString(),
      };
    } catch {
      return undefined;
    }
  }

  return { requestCode, verify, proven };
}

export type ApplicantEmailService = ReturnType<typeof createApplicantEmailService>;
