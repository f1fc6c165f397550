import 'server-only';
import { WaitlistRepository } from '@telehealth/data';
import { auditTrail } from '../audit/audit';
import { dynamoDocumentClient } from '../aws';
import { sendEmail } from '../email/send';
import { emailCodes } from '../email-verification';
import { publicConfig, serverEnv } from '../env';
import { rateLimiter } from '../rate-limit';
import { createWaitlistService, type WaitlistService } from './service';

let service: WaitlistService | undefined;

/** The waitlist service wired to the configured tables and SES. */
export function waitlistService(): WaitlistService {
  if (service) return service;
  const env = serverEnv();
  const db = dynamoDocumentClient();
  service = createWaitlistService({
    db,
    entries: new WaitlistRepository(db, env.tableNames.waitlist),
    codes: emailCodes(),
    audit: auditTrail(),
    limiter: rateLimiter(),
    sendEmail: sendEmail(),
    secret: env.OTP_HMAC_SECRET,
    brandName: publicConfig.brandName,
    appUrl: env.APP_URL,
  });
  return service;
}
