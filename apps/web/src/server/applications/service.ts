import 'server-only';
import type { ClinicianApplication, ClinicianApplicationAccepted, FieldIssue } from '@telehealth/contracts';
import type {
  ClinicianApplicationRecord,
  ClinicianApplicationRepository,
  CreateApplicationOutcome,
  StoredDocument,
} from '@telehealth/data';
import type { AuditTrail } from '../audit/audit';
import type { SendEmail } from '../email/send';
import { applicationReceivedEmail, applicationWaitingEmail } from '../email/templates';
import { ApiError, type RequestContext } from '../http';
import { log } from '../log';
import type { RateLimiter } from '../rate-limit';
import { describeDocument, type UploadService } from '../uploads/service';
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

  /**
   * Copies every referenced upload out of the draft and checks the copy; refuses the whole
   * application, naming each bad document, and removes the copies it made.
   */
  async function freezeDocuments(input: ClinicianApplication, now: Date): Promise<StoredDocument[]> {
    const applicationId = input.idempotencyKey;
    const checks = await Promise.all(
      input.documents.map((doc) => uploads.freezeDocument(input.draftId, applicationId, doc)),
    );
    const issues: FieldIssue[] = [];
    const stored: StoredDocument[] = [];
    const seenKeys = new Set<string>();
    checks.forEach((check, i) => {
      const doc = input.documents[i];
      if (!doc) return;
      if (seenKeys.has(doc.key)) {
        issues.push({
          path: documentPath(doc),
          message: `${describeDocument(doc)} is already used for another document. Upload each document separately.`,
        });
      } else if (!check.ok) {
        issues.push({ path: documentPath(doc), message: check.message });
      } else {
        stored.push({
          key: check.key,
          uploadedKey: doc.key,
          purpose: doc.purpose,
          fileName: doc.fileName,
          ...(doc.licenceIndex !== undefined ? { licenceIndex: doc.licenceIndex } : {}),
          contentType: check.contentType,
          size: check.size,
          verifiedAt: now.toISOString(),
        });
      }
      seenKeys.add(doc.key);
    });
    if (issues.length) {
      await uploads.discard(stored.map((doc) => doc.key));
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
    // A replay answers from the stored record before touching S3, so it never copies new bytes.
    const existing = await applications.get(input.idempotencyKey);
    if (existing)
      return outcome(
        { outcome: existing.email === input.email ? 'replayed' : 'key_reused', record: existing },
        input,
        ctx,
      );

    const documents = await freezeDocuments(input, ctx.now);
    const { documents: _refs, idempotencyKey, draftId, email, ...application } = input;
    const now = ctx.now.toISOString();
    const record: ClinicianApplicationRecord = {
      applicationId: idempotencyKey,
      referenceNumber: newReferenceNumber(),
      status: 'SUBMITTED',
      email,
      submittedAt: now,
      updatedAt: now,
      draftId,
      documents,
      application,
    };
    const auditEvent = audit.transactionPut(
      {
        actor: 'public',
        action: 'clinician.application.submitted',
        subject: `clinician-application#${record.applicationId}`,
        details: { documents: documents.length, profession: input.profession },
      },
      ctx,
    );
    const written = await applications.create(record, [auditEvent]);
    if (written.outcome !== 'created') await uploads.discard(documents.map((doc) => doc.key));
    return outcome(written, input, ctx);
  }

  async function outcome(
    written: CreateApplicationOutcome,
    input: ClinicianApplication,
    ctx: RequestContext,
  ): Promise<SubmitResult> {
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
