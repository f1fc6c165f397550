import 'server-only';
import { auditTrail } from '../audit/audit';
import { dynamoDocumentClient } from '../aws';
import { sendEmail } from '../email/send';
import { publicConfig, serverEnv } from '../env';
import { rateLimiter } from '../rate-limit';
import { staffUsers } from './repository';
import { createStaffService, type StaffService } from './service';

let service: StaffService | undefined;

/** The staff accounts service wired to the configured table and SES. */
export function staffService(): StaffService {
  service ??= createStaffService({
    db: dynamoDocumentClient(),
    users: staffUsers(),
    audit: auditTrail(),
    limiter: rateLimiter(),
    sendEmail: sendEmail(),
    brandName: publicConfig.brandName,
    appUrl: serverEnv().APP_URL,
  });
  return service;
}

/** The HttpOnly cookie that carries a sign-in between the password and the session. */
export const TICKET_COOKIE = 'lumen-staff-ticket';
