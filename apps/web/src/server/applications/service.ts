import 'server-only';
import {
  type ClinicianApplication,
  type ClinicianApplicationAccepted,
  documentSlotPath,
  type FieldIssue,
} from '@telehealth/contracts';
import type {
  ClinicianApplicationRecord,
  ClinicianApplicationRepository,
  CreateApplicationOutcome,
  StoredDocument,
} from '@telehealth/data';
import type { AuditTrail } from '../audit/audit';
import { withAwsDeadline } from '../aws';
import type { SendEmail } from '../email/send';
import { applicationReceivedEmail, applicationWaitingEmail } from '../email/templates';
import { ApiError, type RequestContext } from '../http';
import { log } from '../log';
import type { RateLimiter } from '../rate-limit';
import { describeDocument, type UploadService } from '../uploads/service';
import { newReferenceNumber } from './reference';

export const applyLimit = { name: 'apply-ip', limit: 10, windowSeconds: 3600 } as const;
/** Settling the copies after the transaction gets its own deadline: the request's may be spent. */
const SETTLE_DEADLINE_MS = 1_500;

export interface ApplicationServiceDeps {
  applications: ClinicianApplicationRepository;
  uploads: UploadService;
  audit: AuditTrail;
  limiter: RateLimiter;
  sendEmail: SendEmail;
  brandName: string;
  supportEmail: string;
  appUrl: string;
  adminEmail: string;
}

export type SubmitResult = ClinicianApplicationAccepted & { replayed: boolean };

export function createApplicationService(deps: ApplicationServiceDeps) {
  const { applications, uploads, audit, limiter } = deps;

  /**
   * Copies every referenced upload out of the draft and checks the copy; refuses the whole
   * application, naming each bad document, and removes every copy it made.
   */
  async function freezeDocuments(input: ClinicianApplication, now: Date): Promise<StoredDocument[]> {
    const applicationId = input.idempotencyKey;
    // A draft key used twice is refused without copying it again.
    const firstUse = new Map<string, number>();
    input.documents.forEach((doc, i) => {
      if (!firstUse.has(doc.key)) firstUse.set(doc.key, i);
    });
    const settled = await Promise.allSettled(
      input.documents.map((doc, i) =>
        firstUse.get(doc.key) === i
          ? uploads.freezeDocument(input.draftId, applicationId, doc)
          : Promise.resolve(undefined),
      ),
    );
    const copies = settled.flatMap((result) =>
      result.status === 'fulfilled' && result.value?.ok ? [result.value.key] : [],
    );
    const crashed = settled.find((result) => result.status === 'rejected');
    if (crashed) {
      await uploads.discard(copies);
      throw crashed.reason;
    }

    const issues: FieldIssue[] = [];
    const stored: StoredDocument[] = [];
    settled.forEach((result, i) => {
      const doc = input.documents[i];
      const check = result.status === 'fulfilled' ? result.value : undefined;
      if (!doc) return;
      if (!check) {
        issues.push({
          path: documentSlotPath(doc),
          message: `${describeDocument(doc)} is already used for another document. Upload each document separately.`,
        });
      } else if (!check.ok) {
        issues.push({ path: documentSlotPath(doc), message: check.message });
      } else {
        stored.push({
          key: check.key,
          uploadedKey: doc.key,
          purpose: doc.purpose,
          fileName: doc.fileName,
          ...(doc.licenseIndex !== undefined ? { licenseIndex: doc.licenseIndex } : {}),
          ...(doc.deaIndex !== undefined ? { deaIndex: doc.deaIndex } : {}),
          contentType: check.contentType,
          size: check.size,
          verifiedAt: now.toISOString(),
        });
      }
    });
    if (issues.length) {
      await uploads.discard(copies);
      throw new ApiError('validation_failed', 'Some documents could not be verified. Upload them again.', {
        issues,
      });
    }
    return stored;
  }

  const recordOf = (written: CreateApplicationOutcome) => ('record' in written ? written.record : undefined);

  /** The stored record, undefined when there is none, `unknown` when DynamoDB cannot say. */
  async function storedRecord(applicationId: string) {
    try {
      return await applications.get(applicationId);
    } catch {
      return 'unknown' as const;
    }
  }

  /**
   * After the transaction, whatever happened: copies the stored record names are tagged committed,
   * every other copy is deleted. A transaction that threw may still have committed (a timeout after
   * the write), so the record is read before anything is deleted; if even that fails, the copies stay
   * pending: the lifecycle rule removes them unless a retry (a replay) commits them.
   */
  async function settleCopies(
    applicationId: string,
    keys: readonly string[],
    written: CreateApplicationOutcome | undefined,
    ctx: RequestContext,
  ): Promise<void> {
    await withAwsDeadline(AbortSignal.timeout(SETTLE_DEADLINE_MS), async () => {
      // A refused transaction says which record (if any) is stored; a thrown one does not.
      const record = written ? recordOf(written) : await storedRecord(applicationId);
      if (record === 'unknown') {
        log.error('application.copies_unsettled', {
          requestId: ctx.requestId,
          applicationId,
          copies: keys.length,
        });
        return;
      }
      const named = new Set(record?.documents.map((doc) => doc.key));
      const [untagged] = await Promise.all([
        uploads.markCommitted(keys.filter((key) => named.has(key))),
        uploads.discard(keys.filter((key) => !named.has(key))),
      ]);
      if (untagged) logUntagged(applicationId, untagged, ctx);
    }).catch((error: unknown) => {
      log.error('application.copies_unsettled', {
        requestId: ctx.requestId,
        applicationId,
        copies: keys.length,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    });
  }

  /** Alert-worthy: the lifecycle rule would expire these documents of a stored application. */
  function logUntagged(applicationId: string, untagged: number, ctx: RequestContext) {
    log.error('application.documents_untagged', { requestId: ctx.requestId, applicationId, untagged });
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
        supportEmail: deps.supportEmail,
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
   * Submits an application: documents copied and verified, one conditional transaction with its audit
   * event (idempotent on the browser's key; one open application per email), the copies committed or
   * deleted whatever the transaction did, then emails.
   */
  async function submit(
    input: ClinicianApplication,
    provenEmail: string | undefined,
    ctx: RequestContext,
  ): Promise<SubmitResult> {
    // Nothing is filed, locked or emailed under an address its owner has not proven.
    if (!provenEmail) {
      throw new ApiError(
        'unauthenticated',
        'Confirm your email address with the code we send you, then submit again. Your answers are kept.',
      );
    }
    if (provenEmail !== input.email) {
      throw new ApiError(
        'forbidden',
        'This application uses a different email from the one you confirmed. Confirm this email, then submit again.',
      );
    }
    // A replay answers from the stored record before touching S3, so it never copies new bytes, and
    // before the per-network limit, so a retry after a lost answer is never refused.
    const existing = await applications.get(input.idempotencyKey);
    if (existing) {
      const replayed = existing.email === input.email;
      // Tagging is idempotent: a replay heals a retag that failed, or a commit whose answer was lost.
      if (replayed) {
        const untagged = await uploads.markCommitted(existing.documents.map((doc) => doc.key));
        if (untagged) logUntagged(existing.applicationId, untagged, ctx);
      }
      return outcome({ outcome: replayed ? 'replayed' : 'key_reused', record: existing }, input, ctx);
    }

    await limiter.limit(applyLimit, ctx.ip, ctx.now, 'Too many applications from this network.');
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
        action: 'clinician.application.submitted',
        subject: `clinician-application#${record.applicationId}`,
        details: { documents: documents.length, profession: input.profession },
      },
      ctx,
    );
    let written: CreateApplicationOutcome | undefined;
    try {
      written = await applications.create(record, [auditEvent]);
    } finally {
      await settleCopies(
        record.applicationId,
        documents.map((doc) => doc.key),
        written,
        ctx,
      );
    }
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
