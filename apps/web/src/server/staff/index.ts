import 'server-only';
import { staffUserIdParamsSchema } from '@telehealth/contracts';
import { auditTrail } from '../audit/audit';
import { dynamoDocumentClient } from '../aws';
import { sendEmail } from '../email/send';
import { publicConfig, serverEnv } from '../env';
import { ApiError } from '../http';
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

/** The `[userId]` of an admin route; an id that is not a UUID names nobody (404). */
export function staffUserIdOf(params: Record<string, string>): string {
  const parsed = staffUserIdParamsSchema.safeParse(params);
  if (!parsed.success) throw new ApiError('not_found', 'There is no staff user with this id.');
  return parsed.data.userId;
}
