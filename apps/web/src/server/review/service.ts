import 'server-only';
import {
  type ApplicationDecided,
  type ApplicationDecision,
  type ApplicationDecisionAction,
  type ApplicationDecisionRecord,
  applicationTransitions,
  type ClinicianApplicationStatus,
  closedApplicationStatuses,
} from '@telehealth/contracts';
import type { ClinicianApplicationRecord, ClinicianApplicationRepository } from '@telehealth/data';
import type { AuditTrail } from '../audit/audit';
import { applicationDecisionEmail } from '../email/review-templates';
import type { SendEmail } from '../email/send';
import { ApiError, auditActor, type RequestContext, staffActor } from '../http';
import { log } from '../log';

export const QUEUE_PAGE_SIZE = 25;

export interface ReviewServiceDeps {
  applications: ClinicianApplicationRepository;
  audit: AuditTrail;
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
    await notify(record, input, ctx);
    return {
      applicationId,
      referenceNumber: record.referenceNumber,
      status: transition.to,
      decision,
    };
  }

  async function notify(record: ClinicianApplicationRecord, input: ApplicationDecision, ctx: RequestContext) {
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
    } catch {
      log.error('application.decision_email_failed', {
        requestId: ctx.requestId,
        applicationId: record.applicationId,
        action: input.action,
      });
    }
  }

  return { decide };
}

export type ReviewService = ReturnType<typeof createReviewService>;
