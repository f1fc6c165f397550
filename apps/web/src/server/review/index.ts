import 'server-only';
import { applicationIdParamsSchema } from '@telehealth/contracts';
import { ClinicianApplicationRepository } from '@telehealth/data';
import { auditTrail } from '../audit/audit';
import { dynamoDocumentClient } from '../aws';
import { sendEmail } from '../email/send';
import { publicConfig, serverEnv } from '../env';
import { ApiError } from '../http';
import { createReviewService, type ReviewService } from './service';

let service: ReviewService | undefined;

/** The application review service wired to the configured table, audit trail and SES. */
export function reviewService(): ReviewService {
  service ??= createReviewService({
    applications: new ClinicianApplicationRepository(
      dynamoDocumentClient(),
      serverEnv().tableNames.clinicianApplications,
    ),
    audit: auditTrail(),
    sendEmail: sendEmail(),
    brandName: publicConfig.brandName,
    supportEmail: publicConfig.supportEmail,
  });
  return service;
}

/** The route's `[applicationId]`, or 404 for anything that is not an application id. */
export function applicationIdOf(params: Record<string, string>): string {
  const parsed = applicationIdParamsSchema.safeParse(params);
  if (!parsed.success) throw new ApiError('not_found', 'There is no application with this id.');
  return parsed.data.applicationId;
}
