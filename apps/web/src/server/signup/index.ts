import 'server-only';
import { PatientRepository } from '@telehealth/data';
import { auditTrail } from '../audit/audit';
import { dynamoDocumentClient } from '../aws';
import { emailCodes } from '../email-verification';
import { publicConfig, serverEnv } from '../env';
import { rateLimiter } from '../rate-limit';
import { createSignupService, type SignupService } from './service';

let service: SignupService | undefined;

/** The signup service wired to the configured DynamoDB tables and SES. */
export function signupService(): SignupService {
  if (service) return service;
  const env = serverEnv();
  service = createSignupService({
    patients: new PatientRepository(dynamoDocumentClient(), env.tableNames.patients),
    codes: emailCodes(),
    audit: auditTrail(),
    limiter: rateLimiter(),
    brandName: publicConfig.brandName,
    appUrl: env.APP_URL,
  });
  return service;
}
