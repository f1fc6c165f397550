import 'server-only';
import {
  type ApplicationQueueQuery,
  applicationIdParamsSchema,
  applicationQueueQuerySchema,
  reviewDocumentParamsSchema,
  toFieldIssues,
} from '@telehealth/contracts';
import { ClinicianApplicationRepository } from '@telehealth/data';
import { auditTrail } from '../audit/audit';
import { dynamoDocumentClient, s3Client } from '../aws';
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
    s3: s3Client(),
    bucket: serverEnv().AWS_S3_UPLOAD_BUCKET,
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

/** The route's `[applicationId]` and `[index]` of a document, or 404. */
export function documentParamsOf(params: Record<string, string>): { applicationId: string; index: number } {
  const parsed = reviewDocumentParamsSchema.safeParse(params);
  if (!parsed.success) throw new ApiError('not_found', 'This application has no such document.');
  return parsed.data;
}

/** The queue's `?status=&q=&cursor=`, parsed with the contract; 400 with the fields otherwise. */
export function queueQueryOf(request: Request): ApplicationQueueQuery {
  const params = new URL(request.url).searchParams;
  const raw = Object.fromEntries(
    ['status', 'q', 'cursor'].flatMap((name) => {
      const value = params.get(name);
      return value ? [[name, value]] : [];
    }),
  );
  const parsed = applicationQueueQuerySchema.safeParse(raw);
  if (!parsed.success) {
    throw new ApiError('validation_failed', 'Some fields need your attention.', {
      issues: toFieldIssues(parsed.error),
    });
  }
  return parsed.data;
}
