import 'server-only';
import { AuditRepository, PatientRepository, RateLimitRepository } from '@telehealth/data';
import { AuditTrail } from '../audit/audit';
import { dynamoDocumentClient, sesClient } from '../aws';
import { sesEmailSender } from '../email/send';
import { publicConfig, serverEnv } from '../env';
import { RateLimiter } from '../rate-limit';
import { createSignupService, type SignupService } from './service';

let service: SignupService | undefined;

/** The signup service wired to the configured DynamoDB tables and SES. */
export function signupService(): SignupService {
  if (service) return service;
  const env = serverEnv();
  const db = dynamoDocumentClient();
  service = createSignupService({
    patients: new PatientRepository(db, env.tableNames.patients),
    audit: new AuditTrail(new AuditRepository(db, env.tableNames.audit)),
    limiter: new RateLimiter(new RateLimitRepository(db, env.tableNames.rateLimits), env.OTP_HMAC_SECRET),
    sendEmail: sesEmailSender(sesClient(), env.SES_FROM_EMAIL, env.SES_CONFIGURATION_SET),
    secret: env.OTP_HMAC_SECRET,
    brandName: publicConfig.brandName,
    appUrl: env.APP_URL,
  });
  return service;
}
