import 'server-only';
import { ClinicianApplicationRepository } from '@telehealth/data';
import { auditTrail } from '../audit/audit';
import { dynamoDocumentClient } from '../aws';
import { sendEmail } from '../email/send';
import { publicConfig, serverEnv } from '../env';
import { rateLimiter } from '../rate-limit';
import { uploadService } from '../uploads';
import { type ApplicationService, createApplicationService } from './service';

let service: ApplicationService | undefined;

/** The clinician application service wired to the configured table, bucket and SES. */
export function applicationService(): ApplicationService {
  if (service) return service;
  const env = serverEnv();
  service = createApplicationService({
    applications: new ClinicianApplicationRepository(
      dynamoDocumentClient(),
      env.tableNames.clinicianApplications,
    ),
    uploads: uploadService(),
    audit: auditTrail(),
    limiter: rateLimiter(),
    sendEmail: sendEmail(),
    brandName: publicConfig.brandName,
    supportEmail: publicConfig.supportEmail,
    appUrl: env.APP_URL,
    adminEmail: env.SEED_ADMIN_EMAIL,
  });
  return service;
}
