import 'server-only';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  type ApplicationDecided,
  type ApplicationDecision,
  type ApplicationDecisionAction,
  type ApplicationDecisionRecord,
  type ApplicationDetail,
  type ApplicationQueue,
  type ApplicationQueueItem,
  type ApplicationQueueQuery,
  applicationTransitions,
  type ClinicianApplicationStatus,
  clinicianApplicationStatuses,
  closedApplicationStatuses,
  type DocumentLink,
  type ExpiryWarning,
} from '@telehealth/contracts';
import type { ClinicianApplicationRecord, ClinicianApplicationRepository } from '@telehealth/data';
import type { AuditTrail } from '../audit/audit';
import { applicationDecisionEmail } from '../email/review-templates';
import type { SendEmail } from '../email/send';
import { ApiError, auditActor, type RequestContext, staffActor } from '../http';
import { log } from '../log';

export const QUEUE_PAGE_SIZE = 25;
/** With a search, at most this many index pages of `SEARCH_SCAN_PAGE` are read a request. */
export const SEARCH_SCAN_PAGES = 5;
const SEARCH_SCAN_PAGE = 100;
/** A presigned document link lives this long: opened at once, useless if forwarded later. */
export const DOCUMENT_LINK_SECONDS = 60;
/** Dates this close (or past) are flagged on the detail page. */
export const EXPIRY_WARNING_DAYS = 90;

export interface ReviewServiceDeps {
  applications: ClinicianApplicationRepository;
  audit: AuditTrail;
  s3: S3Client;
  bucket: string;
  sendEmail: SendEmail;
  brandName: string;
  supportEmail: string;
}

/** What has happened to an application, as the 409 tells the admin who came second. */
const pastTense: Record<ClinicianApplicationStatus, string> = {
  SUBMITTED: 'left this application as submitted',
  IN_REVIEW: 'started reviewing this application',
  INFO_REQUESTED: 'asked the applicant for more information',
  APPROVED: 'approved this application',
  REJECTED: 'rejected this application',
};

const actionWords: Record<ApplicationDecisionAction, string> = {
  start_review: 'start reviewing',
  request_info: 'ask for more information on',
  approve: 'approve',
  reject: 'reject',
};

const subjectOf = (applicationId: string) => `clinician-application#${applicationId}`;

export function createReviewService(deps: ReviewServiceDeps) {
  const { applications, audit } = deps;

  async function found(applicationId: string): Promise<ClinicianApplicationRecord> {
    const record = await applications.get(applicationId);
    if (!record) throw new ApiError('not_found', 'There is no application with this id.');
    return record;
  }

  /** The 409 for a decision whose from-status no longer holds: who did what, in words. */
  function conflict(
    action: ApplicationDecisionAction,
    current: ClinicianApplicationRecord,
    ctx: RequestContext,
  ): ApiError {
    const last = current.decisions?.at(-1);
    if (!last) {
      return new ApiError(
        'conflict',
        `You cannot ${actionWords[action]} an application that is ${current.status.toLowerCase().replace('_', ' ')}.`,
      );
    }
    const who = last.by === auditActor(ctx.actor) ? 'You already' : 'Another admin already';
    return new ApiError(
      'conflict',
      `${who} ${pastTense[current.status]}. Reload the application to see where it stands.`,
    );
  }

  /**
   * Moves an application along the state machine: one transaction with its audit event (and, when it
   * closes the application, the release of the email's open-application lock); the applicant is
   * emailed after the commit.
   */
  async function decide(
    applicationId: string,
    input: ApplicationDecision,
    ctx: RequestContext,
  ): Promise<ApplicationDecided> {
    staffActor(ctx);
    const record = await found(applicationId);
    const transition = applicationTransitions[input.action];
    if (!transition.from.includes(record.status)) throw conflict(input.action, record, ctx);

    const decision: ApplicationDecisionRecord = {
      action: input.action,
      from: record.status,
      to: transition.to,
      at: ctx.now.toISOString(),
      by: auditActor(ctx.actor),
      ...(input.action === 'reject' && input.reason ? { reason: input.reason } : {}),
      ...(input.action === 'request_info' && input.message ? { message: input.message } : {}),
    };
    const auditEvent = audit.transactionPut(
      {
        action: `clinician.application.${input.action}`,
        subject: subjectOf(applicationId),
        // Never the reason or message text: the audit trail carries no free text about a person.
        details: { from: record.status, to: transition.to },
      },
      ctx,
    );
    const outcome = await applications.decide(
      {
        record,
        // Only the status read above: a change between the read and the write is a conflict.
        from: [record.status],
        decision,
        releaseLock: closedApplicationStatuses.includes(transition.to),
      },
      [auditEvent],
    );
    if (outcome.outcome === 'status_changed') {
      if (!outcome.current) throw new ApiError('not_found', 'There is no application with this id.');
      throw conflict(input.action, outcome.current, ctx);
    }
    log.info('application.decided', { requestId: ctx.requestId, applicationId, action: input.action });
    const applicantEmailed = await notify(record, input, ctx);
    return {
      applicationId,
      referenceNumber: record.referenceNumber,
      status: transition.to,
      decision,
      applicantEmailed,
    };
  }

  /** Emails the applicant; answers whether it went out, so the admin is not told it did when it did not. */
  async function notify(
    record: ClinicianApplicationRecord,
    input: ApplicationDecision,
    ctx: RequestContext,
  ): Promise<boolean> {
    // The decision is stored by now: a failed email is logged, never turned into a failed decision.
    try {
      const email = await applicationDecisionEmail({
        brandName: deps.brandName,
        supportEmail: deps.supportEmail,
        firstName: record.application.legalFirstName,
        referenceNumber: record.referenceNumber,
        action: input.action,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.message ? { message: input.message } : {}),
      });
      await deps.sendEmail({ to: record.email, ...email });
      return true;
    } catch {
      log.error('application.decision_email_failed', {
        requestId: ctx.requestId,
        applicationId: record.applicationId,
        action: input.action,
      });
      return false;
    }
  }

  /**
   * One page of the queue, newest first through the status index, with the count of every status.
   * A search (`q`, name or email, case-insensitive) filters the index pages as it reads them: up to
   * SEARCH_SCAN_PAGES × SEARCH_SCAN_PAGE applications a request, so a page may hold fewer than
   * QUEUE_PAGE_SIZE matches and still have a `nextCursor` to read on.
   */
  async function queue(query: ApplicationQueueQuery): Promise<ApplicationQueue> {
    const countsPromise = Promise.all(
      clinicianApplicationStatuses.map(async (status) => [status, await applications.countByStatus(status)]),
    );
    const items: ApplicationQueueItem[] = [];
    let startKey: Record<string, unknown> | undefined = decodeCursor(query.cursor, query.status);
    let nextKey: Record<string, unknown> | undefined;
    for (let page = 0; page < (query.q ? SEARCH_SCAN_PAGES : 1); page += 1) {
      const result = await applications.listByStatus(
        query.status,
        query.q ? SEARCH_SCAN_PAGE : QUEUE_PAGE_SIZE,
        startKey,
      );
      nextKey = result.lastKey;
      for (const record of result.items) {
        const item = queueItem(record);
        if (query.q && !`${item.name}\n${item.email}`.toLowerCase().includes(query.q)) continue;
        items.push(item);
        if (items.length === QUEUE_PAGE_SIZE) {
          nextKey = record === result.items.at(-1) ? result.lastKey : indexKey(record);
          break;
        }
      }
      if (items.length === QUEUE_PAGE_SIZE || !nextKey) break;
      startKey = nextKey;
    }
    return {
      status: query.status,
      counts: Object.fromEntries(await countsPromise) as ApplicationQueue['counts'],
      items,
      ...(nextKey ? { nextCursor: encodeCursor(nextKey) } : {}),
    };
  }

  /** Every field of one application, with expiry warnings and the NPI registry link; the read is audited. */
  async function detail(applicationId: string, ctx: RequestContext): Promise<ApplicationDetail> {
    const record = await found(applicationId);
    await audit.record({ action: 'clinician.application.viewed', subject: subjectOf(applicationId) }, ctx);
    return {
      applicationId: record.applicationId,
      referenceNumber: record.referenceNumber,
      status: record.status,
      email: record.email,
      submittedAt: record.submittedAt,
      updatedAt: record.updatedAt,
      application: record.application as unknown as Record<string, unknown>,
      documents: record.documents.map((doc, index) => ({
        index,
        purpose: doc.purpose,
        fileName: doc.fileName,
        contentType: doc.contentType,
        size: doc.size,
        ...(doc.licenseIndex !== undefined ? { licenseIndex: doc.licenseIndex } : {}),
        ...(doc.deaIndex !== undefined ? { deaIndex: doc.deaIndex } : {}),
      })),
      decisions: record.decisions ?? [],
      warnings: expiryWarnings(record.application, ctx.now),
      npiRegistryUrl: `https://npiregistry.cms.hhs.gov/provider-view/${encodeURIComponent(record.application.npi)}`,
    };
  }

  /**
   * A presigned GET of one document, alive DOCUMENT_LINK_SECONDS; a PDF or an image opens in the
   * browser, anything else downloads (`Content-Disposition: attachment`). Each view is audited.
   */
  async function documentLink(
    applicationId: string,
    index: number,
    ctx: RequestContext,
  ): Promise<DocumentLink> {
    const record = await found(applicationId);
    const doc = record.documents[index];
    if (!doc) throw new ApiError('not_found', 'This application has no such document.');
    await audit.record(
      {
        action: 'clinician.application.document_viewed',
        subject: subjectOf(applicationId),
        details: { document: index, purpose: doc.purpose },
      },
      ctx,
    );
    const inline = doc.contentType === 'application/pdf' || doc.contentType.startsWith('image/');
    const fileName = doc.fileName.replace(/[^\w.\- ]+/g, '_');
    const url = await getSignedUrl(
      deps.s3,
      new GetObjectCommand({
        Bucket: deps.bucket,
        Key: doc.key,
        ResponseContentType: doc.contentType,
        ResponseContentDisposition: `${inline ? 'inline' : 'attachment'}; filename="${fileName}"`,
        ResponseCacheControl: 'no-store',
      }),
      { expiresIn: DOCUMENT_LINK_SECONDS },
    );
    return { url, expiresInSeconds: DOCUMENT_LINK_SECONDS, disposition: inline ? 'inline' : 'attachment' };
  }

  return { decide, queue, detail, documentLink };
}

function queueItem(record: ClinicianApplicationRecord): ApplicationQueueItem {
  return {
    applicationId: record.applicationId,
    referenceNumber: record.referenceNumber,
    status: record.status,
    name: `${record.application.legalFirstName} ${record.application.legalLastName}`,
    email: record.email,
    profession: record.application.profession,
    submittedAt: record.submittedAt,
    updatedAt: record.updatedAt,
  };
}

/** The status index's key of an item: where the next page starts. */
const indexKey = (record: ClinicianApplicationRecord) => ({
  applicationId: record.applicationId,
  status: record.status,
  submittedAt: record.submittedAt,
});

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify([key.applicationId, key.submittedAt])).toString('base64url');
}

/** The cursor back into an index key of this status; 400 for anything else. */
function decodeCursor(cursor: string | undefined, status: ClinicianApplicationStatus) {
  if (!cursor) return undefined;
  try {
    const [applicationId, submittedAt] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof applicationId === 'string' && typeof submittedAt === 'string') {
      return { applicationId, status, submittedAt };
    }
  } catch {
    // falls through to the 400
  }
  throw new ApiError('validation_failed', 'This page link is out of date. Go back to the first page.', {
    issues: [{ path: 'cursor', message: 'This page link is out of date. Go back to the first page.' }],
  });
}

/** Every `expiresOn` in the answers that has passed or comes within EXPIRY_WARNING_DAYS. */
export function expiryWarnings(answers: unknown, now: Date): ExpiryWarning[] {
  const today = now.toISOString().slice(0, 10);
  const soon = new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000).toISOString().slice(0, 10);
  const warnings: ExpiryWarning[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, [...path, String(i)]);
      });
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'expiresOn' && typeof inner === 'string' && inner <= soon) {
          const expired = inner < today;
          warnings.push({
            path: [...path, key].join('.'),
            expiresOn: inner,
            expired,
            message: expired
              ? `Expired on ${inner}.`
              : `Expires on ${inner}, within ${EXPIRY_WARNING_DAYS} days.`,
          });
        } else walk(inner, [...path, key]);
      }
    }
  };
  walk(answers, []);
  return warnings;
}

export type ReviewService = ReturnType<typeof createReviewService>;
