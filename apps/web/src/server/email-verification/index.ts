import 'server-only';
import { EmailVerificationRepository, RateLimitRepository } from '@telehealth/data';
import { auditTrail } from '../audit/audit';
import { dynamoDocumentClient } from '../aws';
import { sendEmail } from '../email/send';
import { publicConfig, serverEnv } from '../env';
import { rateLimiter } from '../rate-limit';
import { type ApplicantEmailService, createApplicantEmailService } from './applicant';
import { createEmailCodes, type EmailCodes } from './service';

let codes: EmailCodes | undefined;
let applicant: ApplicantEmailService | undefined;

/** The email code machinery wired to the configured tables and SES. */
export function emailCodes(): EmailCodes {
  if (codes) return codes;
  const env = serverEnv();
  const db = dynamoDocumentClient();
  codes = createEmailCodes({
    db,
    verifications: new EmailVerificationRepository(db, env.tableNames.emailVerifications),
    rateLimits: new RateLimitRepository(db, env.tableNames.rateLimits),
    limiter: rateLimiter(),
    audit: auditTrail(),
    sendEmail: sendEmail(),
    secret: env.OTP_HMAC_SECRET,
    brandName: publicConfig.brandName,
  });
  return codes;
}

/** Clinician applicants proving their email before they apply. */
export function applicantEmailService(): ApplicantEmailService {
  applicant ??= createApplicantEmailService({
    codes: emailCodes(),
    audit: auditTrail(),
    secret: serverEnv().OTP_HMAC_SECRET,
  });
  return applicant;
}
