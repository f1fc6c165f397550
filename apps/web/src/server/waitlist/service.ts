import 'server-only';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  WAITLIST_CONSENT_VERSION,
  type WaitlistEntryInput,
  type WaitlistJoined,
  type WaitlistRemoved,
} from '@telehealth/contracts';
import { epochSeconds, transactWrite, type WaitlistRepository } from '@telehealth/data';
import type { AuditTrail } from '../audit/audit';
import type { SendEmail } from '../email/send';
import { waitlistJoinedEmail } from '../email/templates';
import type { EmailCodes } from '../email-verification/service';
import { hmacKey } from '../hmac';
import { ApiError, type RequestContext } from '../http';
import { log } from '../log';
import type { RateLimiter } from '../rate-limit';

const PURPOSE = 'waitlist';
/** An entry nobody acted on is deleted after two years (TTL); the confirmation email says so. */
export const WAITLIST_RETENTION_DAYS = 730;

export const waitlistLimits = {
  codesPerIp: { name: 'waitlist-code-ip', limit: 20, windowSeconds: 3600 },
  removalsPerIp: { name: 'waitlist-remove-ip', limit: 30, windowSeconds: 3600 },
} as const;

export const REMOVAL_LINK_INVALID =
  'This removal link has already been used, or the address is no longer on the list. Nothing else needs doing.';

export interface WaitlistDeps {
  db: DynamoDBDocumentClient;
  entries: WaitlistRepository;
  codes: EmailCodes;
  audit: AuditTrail;
  limiter: RateLimiter;
  sendEmail: SendEmail;
  secret: string;
  brandName: string;
  appUrl: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

function sameHash(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The waitlist: an address is proven with the shared email-code machinery before anything about the
 * person is stored; the entry, the code's use and the audit event commit together; the confirmation
 * (with a one-time removal link) goes out after the commit. Removal deletes the entry.
 */
export function createWaitlistService(deps: WaitlistDeps) {
  const { db, entries, codes, audit, limiter } = deps;
  const secret = hmacKey(deps.secret);
  const entryKeyOf = (email: string) =>
    createHmac('sha256', secret).update(`waitlist:v1:${email}`).digest('base64url');

  /** Emails a code; stores nothing about the person (the answers come back with the code). */
  function requestCode(email: string, bindingId: string, ctx: RequestContext) {
    return codes.sendProofCode(
      {
        purpose: PURPOSE,
        bindingId,
        email,
        perIp: waitlistLimits.codesPerIp,
        subject: 'waitlist',
        action: 'waitlist.code_sent',
        page: 'waitlist',
      },
      ctx,
    );
  }

  /** A right code stores the entry (replacing an earlier one for the address) and emails the link. */
  async function join(
    input: WaitlistEntryInput,
    bindingId: string | undefined,
    ctx: RequestContext,
  ): Promise<WaitlistJoined> {
    const entryKey = entryKeyOf(input.email);
    const existing = await entries.get(entryKey);
    const token = randomBytes(32).toString('base64url');
    const now = ctx.now.toISOString();
    const result = await codes.verify(
      PURPOSE,
      bindingId,
      input.email,
      input.code,
      ctx,
      (record) => {
        const subjectId = existing?.subjectId ?? record.subjectId;
        return [
          entries.put({
            entryKey,
            email: input.email,
            subjectId,
            purpose: 'notify-when-served',
            reason: input.reason,
            ...(input.state ? { state: input.state } : {}),
            consent: { version: WAITLIST_CONSENT_VERSION, acceptedAt: now },
            removalTokenHash: sha256(token),
            createdAt: existing?.createdAt ?? now,
            updatedAt: now,
            expiresAtEpoch: epochSeconds(ctx.now) + WAITLIST_RETENTION_DAYS * 86_400,
          }),
          {
            Put: audit.transactionPut(
              {
                action: existing ? 'waitlist.rejoined' : 'waitlist.joined',
                subject: `waitlist#${subjectId}`,
                details: { reason: input.reason, consentVersion: WAITLIST_CONSENT_VERSION },
              },
              ctx,
            ),
          },
        ];
      },
      (record) => `waitlist#${existing?.subjectId ?? record.subjectId}`,
    );
    // The entry's put has no condition of its own, so only the code can refuse (and that throws).
    if (result.outcome !== 'verified') throw new Error('waitlist join refused by its own write');
    // A double click: the entry and its link went out with the first answer; this token was not stored.
    if (result.repeated) return { status: 'joined' };

    const removeUrl = `${deps.appUrl}/notify-me/remove#entry=${entryKey}&token=${token}`;
    try {
      const email = await waitlistJoinedEmail({
        brandName: deps.brandName,
        removeUrl,
        reason: input.reason,
        retentionDays: WAITLIST_RETENTION_DAYS,
      });
      await deps.sendEmail({ to: input.email, ...email });
    } catch (error) {
      // The entry is stored and proven; joining again sends a new link.
      log.error('waitlist.email_failed', {
        requestId: ctx.requestId,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
    return { status: 'joined' };
  }

  /** Deletes the entry the link names if its token matches; the token then no longer exists. */
  async function remove(entryKey: string, token: string, ctx: RequestContext): Promise<WaitlistRemoved> {
    await limiter.limit(
      waitlistLimits.removalsPerIp,
      ctx.ip,
      ctx.now,
      'Too many attempts from this network.',
    );
    const record = await entries.get(entryKey);
    const tokenHash = sha256(token);
    if (!record || !sameHash(tokenHash, record.removalTokenHash)) {
      throw new ApiError('not_found', REMOVAL_LINK_INVALID);
    }
    const outcome = await transactWrite(db, [
      entries.remove(entryKey, tokenHash),
      {
        Put: audit.transactionPut(
          { action: 'waitlist.removed', subject: `waitlist#${record.subjectId}` },
          ctx,
        ),
      },
    ]);
    if (!outcome.committed) {
      // Used at the same moment by another request, or replaced by a new join (a new token).
      if (outcome.reasons[0] === 'ConditionalCheckFailed')
        throw new ApiError('not_found', REMOVAL_LINK_INVALID);
      throw new Error(`waitlist removal cancelled: ${outcome.reasons.join(',')}`);
    }
    return { status: 'removed' };
  }

  return { requestCode, join, remove, entryKeyOf };
}

export type WaitlistService = ReturnType<typeof createWaitlistService>;
