import 'server-only';
import { createHmac, randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CodeSent, PendingSignupDetails } from '@telehealth/contracts';
import {
  type EmailVerificationRecord,
  type EmailVerificationRepository,
  epochSeconds,
  type RateLimitRepository,
  type TransactItem,
  transactWrite,
  type VerificationPurpose,
} from '@telehealth/data';
import type { AuditEntry, AuditTrail } from '../audit/audit';
import type { SendEmail } from '../email/send';
import {
  type CodePage,
  codeAttemptsStoppedEmail,
  type RenderedEmail,
  verificationCodeEmail,
} from '../email/templates';
import { hmacKey } from '../hmac';
import { ApiError, inWords, type RequestContext, rateLimited, serviceUnavailable } from '../http';
import { log } from '../log';
import type { RateLimiter, RateLimitRule } from '../rate-limit';
import { generateCode, hashCode, hashesMatch } from './code';

export const CODE_TTL_MINUTES = 10;
/** Tries per code. */
export const MAX_CODE_ATTEMPTS = 5;
/** Wrong codes per email, across every code and browser, before codes stop being checked. */
export const FAILURE_BUDGET = { limit: 20, windowSeconds: 24 * 3600 } as const;
/** Code checks from one network, patient and applicant codes together: one counter, one rule. */
export const verifiesPerIp = { name: 'verify-ip', limit: 60, windowSeconds: 3600 } as const;
/** Codes per email from all browsers together: loose, since each browser backs off on its own. */
export const codesPerEmail = { name: 'codes-email', limit: 30, windowSeconds: 3600 } as const;
/** A browser waits 1, 2, 4, 8 then 15 minutes between codes for one email; an hour's quiet resets it. */
const BACKOFF = { firstSeconds: 60, maxSeconds: 15 * 60, resetSeconds: 3600 } as const;
/** A verification item outlives its code so the backoff holds; TTL then removes it. */
const RETENTION_SECONDS = 24 * 3600;

/** One message for a wrong, expired, used or spent code and an unknown browser: it reveals nothing. */
export const INVALID_CODE_MESSAGE =
  'That code is not valid or has expired. Check the latest email we sent, or ask for a new code.';

/** Audit actions name the person, not the table: `patient.verify.refused`. */
const auditPrefix: Record<VerificationPurpose, string> = {
  'patient-signup': 'patient',
  'clinician-application': 'clinician.applicant',
  waitlist: 'waitlist',
};

export function backoffSeconds(sendCount: number): number {
  return Math.min(BACKOFF.firstSeconds * 2 ** Math.max(0, sendCount - 1), BACKOFF.maxSeconds);
}

export interface EmailCodesDeps {
  db: DynamoDBDocumentClient;
  verifications: EmailVerificationRepository;
  rateLimits: RateLimitRepository;
  limiter: RateLimiter;
  audit: AuditTrail;
  sendEmail: SendEmail;
  secret: string;
  brandName: string;
}

/** A send that passed the backoff and the per-email cap, ready to commit. */
export interface PreparedSend {
  purpose: VerificationPurpose;
  email: string;
  verificationKey: string;
  record: EmailVerificationRecord | undefined;
  subjectId: string;
  sendCount: number;
  nextSendAtMs: number;
}

export interface SendInput {
  /** Send a code (with the details it will confirm), or only a notice that needs none. */
  withCode: boolean;
  details?: PendingSignupDetails;
  /** The audit event committed with the send. */
  audit: AuditEntry;
  email: (code: string | undefined) => Promise<RenderedEmail>;
}

export type VerifyOutcome =
  /** `repeated`: this browser sent the code it used moments ago again; nothing was changed this time. */
  | { outcome: 'verified'; record: EmailVerificationRecord; repeated: boolean }
  /** The code was right but an item the caller added refused it (the change it confirms). */
  | { outcome: 'refused'; record: EmailVerificationRecord };

/**
 * The one-time email code machinery shared by patient signup and the clinician application:
 * codes are random, stored as HMACs bound to the purpose, the browser and the email, single use by
 * a conditional write, valid 10 minutes, 5 tries each, and a per-email failure budget that resends
 * do not reset. A change and its audit event commit together; email goes out after the commit.
 */
export function createEmailCodes(deps: EmailCodesDeps) {
  const { db, verifications, rateLimits, limiter, audit } = deps;
  const secret = hmacKey(deps.secret);

  const hmac = (value: string) => createHmac('sha256', secret).update(value).digest('base64url');
  /** Concurrent guesses at one code can keep conflicting; nothing was written, the person retries. */
  const busy = () => serviceUnavailable('We could not check the code just now. Please try again.', 1);
  const keyOf = (purpose: VerificationPurpose, bindingId: string, email: string) =>
    hmac(`email-verification:v1:${purpose}:${bindingId}:${email}`);
  const failureBudget = (email: string, now: Date) =>
    rateLimits.budget(
      limiter.key('code-failures', email),
      FAILURE_BUDGET.limit,
      FAILURE_BUDGET.windowSeconds,
      now,
    );

  /** Applies the browser's backoff and the per-email cap; throws 429 saying when to try again. */
  async function prepareSend(
    purpose: VerificationPurpose,
    bindingId: string,
    email: string,
    ctx: RequestContext,
  ): Promise<PreparedSend> {
    const verificationKey = keyOf(purpose, bindingId, email);
    const record = await verifications.get(verificationKey);
    const nowMs = ctx.now.getTime();
    if (record && record.nextSendAtMs > nowMs) {
      const seconds = Math.ceil((record.nextSendAtMs - nowMs) / 1000);
      throw new ApiError(
        'rate_limited',
        `We sent a code to this address a moment ago. You can ask for another in ${inWords(seconds)}.`,
        { retryAfterSeconds: seconds },
      );
    }
    await limiter.limit(codesPerEmail, email, ctx.now, 'Too many codes were requested for this email.');
    const quiet = !record || nowMs - Date.parse(record.lastSentAt) > BACKOFF.resetSeconds * 1000;
    const sendCount = (quiet ? 0 : record.sendCount) + 1;
    return {
      purpose,
      email,
      verificationKey,
      record,
      subjectId: record?.subjectId ?? randomUUID(),
      sendCount,
      nextSendAtMs: nowMs + backoffSeconds(sendCount) * 1000,
    };
  }

  /**
   * Commits the send with its audit event, then emails; a failed email gives the backoff back.
   * Answers when this browser may ask again, so its countdown matches the backoff.
   */
  async function send(prepared: PreparedSend, input: SendInput, ctx: RequestContext): Promise<CodeSent> {
    const code = input.withCode ? generateCode() : undefined;
    const now = ctx.now.toISOString();
    const outcome = await transactWrite(db, [
      verifications.issue({
        verificationKey: prepared.verificationKey,
        purpose: prepared.purpose,
        email: prepared.email,
        newSubjectId: prepared.subjectId,
        seenVersion: prepared.record?.version,
        sendCount: prepared.sendCount,
        nextSendAtMs: prepared.nextSendAtMs,
        now,
        expiresAtEpoch: epochSeconds(ctx.now) + RETENTION_SECONDS,
        ...(code
          ? {
              code: {
                hash: hashCode(secret, prepared.verificationKey, code),
                expiresAt: new Date(ctx.now.getTime() + CODE_TTL_MINUTES * 60_000).toISOString(),
                ...(input.details ? { details: input.details } : {}),
              },
            }
          : {}),
      }),
      { Put: audit.transactionPut(input.audit, ctx) },
    ]);
    if (!outcome.committed) {
      // Another request from this browser for this email got there first: it is sending a code.
      if (outcome.reasons[0] === 'ConditionalCheckFailed') {
        throw rateLimited('We just sent a code to this address.', BACKOFF.firstSeconds);
      }
      throw new Error(`email code transaction cancelled: ${outcome.reasons.join(',')}`);
    }
    try {
      await deps.sendEmail({ to: prepared.email, ...(await input.email(code)) });
    } catch (error) {
      log.error('email.send_failed', {
        requestId: ctx.requestId,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      // The person did not get it: let them ask again at once (the code stays valid if it did arrive).
      await verifications
        .releaseSend(prepared.verificationKey, prepared.record?.version, {
          sendCount: prepared.sendCount - 1,
          nextSendAtMs: ctx.now.getTime(),
        })
        .catch((releaseError: unknown) =>
          log.warn('email_code.release_failed', {
            requestId: ctx.requestId,
            errorName: releaseError instanceof Error ? releaseError.name : 'unknown',
          }),
        );
      throw serviceUnavailable('We could not send the email just now. Please try again.');
    }
    return {
      status: 'code_sent',
      resendAfterSeconds: Math.ceil((prepared.nextSendAtMs - ctx.now.getTime()) / 1000),
    };
  }

  /**
   * The 429 once the budget is spent. `notify`: this request spent the last unit (or found it spent
   * in its transaction), so the owner is emailed, once per window, that codes stopped being checked.
   */
  async function budgetSpent(email: string, budget: ReturnType<typeof failureBudget>, ctx: RequestContext) {
    await noticeOwner(email, budget, ctx);
    return new ApiError(
      'rate_limited',
      `Too many wrong codes were entered for this email. For your security, try again in ${inWords(budget.retryAfterSeconds)}.`,
      { retryAfterSeconds: budget.retryAfterSeconds },
    );
  }

  async function noticeOwner(email: string, budget: ReturnType<typeof failureBudget>, ctx: RequestContext) {
    const noticeKey = limiter.key('code-failures-notice', email);
    const once = await rateLimits
      .cooldown(noticeKey, budget.retryAfterSeconds, ctx.now)
      .catch((error: unknown) => {
        log.error('email_code.notice_failed', {
          requestId: ctx.requestId,
          errorName: error instanceof Error ? error.name : 'unknown',
        });
        return { allowed: false } as const;
      });
    if (once.allowed) {
      const retryAt = new Date(budget.windowEnd * 1000);
      await codeAttemptsStoppedEmail({ brandName: deps.brandName, retryAt })
        .then((message) => deps.sendEmail({ to: email, ...message }))
        .catch(async (error: unknown) => {
          log.error('email.send_failed', {
            requestId: ctx.requestId,
            errorName: error instanceof Error ? error.name : 'unknown',
          });
          // The owner was not told: the next refused attempt tries again.
          await rateLimits.release(noticeKey).catch(() => undefined);
        });
    }
    log.warn('email_code.failure_budget_spent', { requestId: ctx.requestId });
  }

  /**
   * Checks a code. A right one is used in one transaction with `onVerified`'s items (the change it
   * confirms and its audit event); a wrong one counts against the code's tries and the email's
   * failure budget, with its audit event, in one transaction.
   */
  async function verify(
    purpose: VerificationPurpose,
    bindingId: string | undefined,
    email: string,
    code: string,
    ctx: RequestContext,
    onVerified: (record: EmailVerificationRecord) => TransactItem[],
    subjectOf: (record: EmailVerificationRecord) => string,
  ): Promise<VerifyOutcome> {
    await limiter.limit(verifiesPerIp, ctx.ip, ctx.now, 'Too many attempts from this network.');
    const invalid = new ApiError('invalid_code', INVALID_CODE_MESSAGE);
    // No cookie: this browser never asked for a code.
    if (!bindingId) throw invalid;
    const verificationKey = keyOf(purpose, bindingId, email);
    const budget = failureBudget(email, ctx.now);
    const [record, spent] = await Promise.all([verifications.get(verificationKey), budget.spent()]);
    // Telling the owner is one conditional write (the notice's cooldown): it goes out once a window,
    // and a notice whose email failed is tried again on the next refusal.
    if (spent >= FAILURE_BUDGET.limit) throw await budgetSpent(email, budget, ctx);
    if (!record) throw invalid;
    const subject = subjectOf(record);
    const nowIso = ctx.now.toISOString();
    const submittedHash = hashCode(secret, verificationKey, code);
    const refused = async (reason: string) => {
      await audit.record(
        { action: `${auditPrefix[purpose]}.verify.refused`, subject, details: { reason } },
        ctx,
      );
      return invalid;
    };
    /**
     * A double click, or a retry after the answer was lost, sends the used code again from the same
     * browser: within the code's lifetime it is answered as verified, and nothing changes again.
     */
    const repeatOf = async (
      latest: EmailVerificationRecord | undefined,
    ): Promise<VerifyOutcome | undefined> => {
      if (latest?.status !== 'USED' || !latest.usedCodeHash || !latest.usedAt) return undefined;
      if (Date.parse(latest.usedAt) + CODE_TTL_MINUTES * 60_000 <= ctx.now.getTime()) return undefined;
      if (!hashesMatch(submittedHash, latest.usedCodeHash)) return undefined;
      await audit.record({ action: `${auditPrefix[purpose]}.verify.repeated`, subject }, ctx);
      return { outcome: 'verified', record: latest, repeated: true };
    };
    const repeat = await repeatOf(record);
    if (repeat) return repeat;
    if (!record.codeHash || record.status !== 'PENDING') throw await refused('no_code');
    if ((record.codeExpiresAt ?? '') <= nowIso) throw await refused('expired');
    if ((record.codeAttempts ?? 0) >= MAX_CODE_ATTEMPTS) throw await refused('spent');

    const check = { verificationKey, codeHash: record.codeHash, maxAttempts: MAX_CODE_ATTEMPTS, now: nowIso };
    if (hashesMatch(submittedHash, record.codeHash)) {
      const outcome = await transactWrite(db, [
        verifications.markUsed(check),
        budget.ensureLeft(),
        ...onVerified(record),
      ]);
      if (outcome.committed) return { outcome: 'verified', record, repeated: false };
      const [codeReason, budgetReason, ...rest] = outcome.reasons;
      if (codeReason === 'ConditionalCheckFailed') {
        // Used since it was read: by a concurrent request with this very code, or spent by guesses.
        const concurrent = await repeatOf(await verifications.get(verificationKey));
        if (concurrent) return concurrent;
        throw await refused('used');
      }
      if (budgetReason === 'ConditionalCheckFailed') throw await budgetSpent(email, budget, ctx);
      if (rest.includes('ConditionalCheckFailed')) return { outcome: 'refused', record };
      if (outcome.reasons.includes('TransactionConflict')) throw busy();
      throw new Error(`verify transaction cancelled: ${outcome.reasons.join(',')}`);
    }
    const outcome = await transactWrite(db, [
      verifications.countFailure(check),
      budget.spend(),
      {
        Put: audit.transactionPut(
          {
            action: `${auditPrefix[purpose]}.verify.refused`,
            subject,
            details: { reason: 'wrong_code' },
          },
          ctx,
        ),
      },
    ]);
    if (outcome.committed) {
      // One read after each committed wrong code (at most `limit` an email a window): the failure
      // that spent the last unit tells the owner, whichever of concurrent guesses it was.
      if ((await budget.spent()) >= FAILURE_BUDGET.limit) await noticeOwner(email, budget, ctx);
      throw invalid;
    }
    const [codeReason, budgetReason] = outcome.reasons;
    if (codeReason === 'ConditionalCheckFailed') throw await refused('spent');
    if (budgetReason === 'ConditionalCheckFailed') throw await budgetSpent(email, budget, ctx);
    if (outcome.reasons.includes('TransactionConflict')) throw busy();
    throw new Error(`verify transaction cancelled: ${outcome.reasons.join(',')}`);
  }

  /**
   * A code that only proves an address (no details wait on it): the per-IP limit, the backoff, then
   * the code email, which names only the page it is for. The audit subject is `<subject>#<id>`.
   */
  async function sendProofCode(
    input: {
      purpose: VerificationPurpose;
      bindingId: string;
      email: string;
      perIp: RateLimitRule;
      subject: string;
      action: string;
      page: CodePage;
    },
    ctx: RequestContext,
  ): Promise<CodeSent> {
    await limiter.limit(input.perIp, ctx.ip, ctx.now, 'Too many codes were requested from this network.');
    const prepared = await prepareSend(input.purpose, input.bindingId, input.email, ctx);
    return send(
      prepared,
      {
        withCode: true,
        audit: { action: input.action, subject: `${input.subject}#${prepared.subjectId}` },
        email: (code) =>
          verificationCodeEmail({
            brandName: deps.brandName,
            code: code ?? '',
            minutesValid: CODE_TTL_MINUTES,
            page: input.page,
          }),
      },
      ctx,
    );
  }

  /** Uses a right code whose confirmed change was refused, with an audit event saying so. */
  async function confirmWithoutChange(
    record: EmailVerificationRecord,
    entry: AuditEntry,
    ctx: RequestContext,
  ): Promise<void> {
    const codeHash = record.codeHash ?? '';
    const outcome = await transactWrite(db, [
      verifications.markUsed({
        verificationKey: record.verificationKey,
        codeHash,
        maxAttempts: MAX_CODE_ATTEMPTS,
        now: ctx.now.toISOString(),
      }),
      { Put: audit.transactionPut(entry, ctx) },
    ]);
    if (outcome.committed) return;
    if (outcome.reasons[0] === 'ConditionalCheckFailed') {
      const latest = await verifications.get(record.verificationKey);
      if (latest?.status === 'USED' && latest.usedCodeHash === codeHash) return;
      throw new ApiError('invalid_code', INVALID_CODE_MESSAGE);
    }
    if (outcome.reasons.includes('TransactionConflict')) throw busy();
    throw new Error(`confirm transaction cancelled: ${outcome.reasons.join(',')}`);
  }

  return { prepareSend, send, sendProofCode, verify, confirmWithoutChange };
}

export type EmailCodes = ReturnType<typeof createEmailCodes>;
