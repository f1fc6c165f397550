import 'server-only';
import type { ClinicianApplication, ClinicianApplicationAccepted, FieldIssue } from '@telehealth/contracts';
import type {
  ClinicianApplicationRecord,
  ClinicianApplicationRepository,
  StoredDocument,
} from '@telehealth/data';
import type { AuditTrail } from '../audit/audit';
import type { SendEmail } from '../email/send';
import { applicationReceivedEmail, applicationWaitingEmail } from '../email/templates';
import { ApiError, type RequestContext } from '../http';
import { log } from '../log';
import type { RateLimiter } from '../rate-limit';
import type { UploadService } from '../uploads/service';
import { newReferenceNumber } from './reference';

export const applyLimit = { name: 'apply-ip', limit: 10, windowSeconds: 3600 } as const;

export interface ApplicationServiceDeps {
  applications: ClinicianApplicationRepository;
  uploads: UploadService;
  audit: AuditTrail;
  limiter: RateLimiter;
  sendEmail: SendEmail;
  brandName: string;
  appUrl: string;
  adminEmail: string;
}

export type SubmitResult = ClinicianApplicationAccepted & { replayed: boolean };

/** The issue path of a document's upload slot, as the contract names them. */
function documentPath(doc: ClinicianApplication['documents'][number]): string {
  return doc.purpose === 'licence'
    ? `documents.licence.${doc.licenceIndex ?? 0}`
    : `documents.${doc.purpose}`;
}

export function createApplicationService(deps: ApplicationServiceDeps) {
  const { applications, uploads, audit, limiter } = deps;

  /** Checks every referenced upload in S3; refuses the whole application, naming each bad document. */
  async function verifyDocuments(input: ClinicianApplication, now: Date): Promise<StoredDocument[]> {
    const checks = await Promise.all(input.documents.map((doc) => uploads.checkDocument(input.draftId, doc)));
    const issues: FieldIssue[] = [];
    const stored: StoredDocument[] = [];
    checks.forEach((check, i) => {
      const doc = input.documents[i];
      if (!doc) return;
      if (!check.ok) {
        issues.push({ path: documentPath(doc), message: check.message });
        return;
      }
      stored.push({
        key: doc.key,
        purpose: doc.purpose,
        fileName: doc.fileName,
        ...(doc.licenceIndex !== undefined ? { licenceIndex: doc.licenceIndex } : {}),
        contentType: check.contentType,
        size: check.size,
        verifiedAt: now.toISOString(),
      });
    });
    if (issues.length) {
      throw new ApiError('validation_failed', 'Some documents could not be verified. Upload them again.', {
        issues,
      });
    }
    return stored;
  }

  async function notify(
    record: ClinicianApplicationRecord,
    input: ClinicianApplication,
    ctx: RequestContext,
  ) {
    // The application is stored by now: a failed email is logged, never turned into a failed submit.
    const sends = [
      applicationReceivedEmail({
        brandName: deps.brandName,
        firstName: input.legalFirstName,
        referenceNumber: record.referenceNumber,
      }).then((email) => deps.sendEmail({ to: record.email, ...email })),
      applicationWaitingEmail({
        brandName: deps.brandName,
        referenceNumber: record.referenceNumber,
        reviewUrl: `${deps.appUrl}/portal/applications/${record.applicationId}`,
      }).then((email) => deps.sendEmail({ to: deps.adminEmail, ...email })),
    ];
    for (const result of await Promise.allSettled(sends)) {
      if (result.status === 'rejected') {
        log.error('application.email_failed', {
          requestId: ctx.requestId,
          applicationId: record.applicationId,
        });
      }
    }
  }

  /**
   * Submits an application: documents verified, one conditional transaction (idempotent on the
   * browser's key; one open application per email), then emails and an audit event.
   */
  async function submit(input: ClinicianApplication, ctx: RequestContext): Promise<SubmitResult> {
    await limiter.limit(
      applyLimit,
      ctx.ip,
      ctx.now,
      'Too many applications from this network. Please try again later.',
    );
    const documents = await verifyDocuments(input, ctx.now);
    const { documents: _refs, idempotencyKey, draftId, email, ...application } = input;
    const now = ctx.now.toISOString();
    const written = await applications.create({
      applicationId: idempotencyKey,
      referenceNumber: newReferenceNumber(),
      status: 'SUBMITTED',
      email,
      submittedAt: now,
      updatedAt: now,
      draftId,
      documents,
      application,
    });

    switch (written.outcome) {
      case 'open_application_exists':
        throw new ApiError(
          'conflict',
          'An application for this email is already being reviewed. We emailed you its reference number; reply to that email if something has changed.',
        );
      case 'key_reused':
        throw new ApiError(
          'conflict',
          'This form was already submitted for another email. Reload the page to start a new application.',
        );
      case 'replayed':
        return { ...accepted(written.record), replayed: true };
      case 'created':
        await audit.record(
          {
            actor: 'public',
            action: 'clinician.application.submitted',
            subject: `clinician-application#${written.record.applicationId}`,
            details: { documents: documents.length, profession: input.profession },
          },
          ctx,
        );
        await notify(written.record, input, ctx);
        log.info('application.submitted', {
          requestId: ctx.requestId,
          applicationId: written.record.applicationId,
        });
        return { ...accepted(written.record), replayed: false };
    }
  }

  return { submit };
}

function accepted(record: ClinicianApplicationRecord): ClinicianApplicationAccepted {
  return {
    applicationId: record.applicationId,
    referenceNumber: record.referenceNumber,
    status: 'SUBMITTED',
  };
}

export type ApplicationService = ReturnType<typeof createApplicationService>;
