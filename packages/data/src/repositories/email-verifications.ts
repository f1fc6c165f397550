import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PendingSignupDetails } from '@telehealth/contracts';
import type { TransactItem } from '../transactions';

/** What a code proves: a patient signup, the email of a clinician applicant, or a waitlist address. */
export type VerificationPurpose = 'patient-signup' | 'clinician-application' | 'waitlist';

/**
 * One purpose, one browser (its signup cookie) and one email. The key is an HMAC of the three, so
 * neither the cookie nor the email can be read from it and another browser's item cannot be found.
 */
export interface EmailVerificationRecord {
  verificationKey: string;
  purpose: VerificationPurpose;
  email: string;
  /** The id the audit trail names this person by (`patient#<id>`), kept across resends. */
  subjectId: string;
  status: 'PENDING' | 'USED';
  /** What was typed with the request (patient signup), applied only when the code is verified. */
  details?: PendingSignupDetails;
  /** HMAC of the current code; never the code. Absent when no code was sent (e.g. already verified). */
  codeHash?: string;
  codeExpiresAt?: string;
  codeAttempts?: number;
  /** Codes (or notices) sent in the current backoff run, and when the last one went. */
  sendCount: number;
  lastSentAt: string;
  /** Epoch ms before which no further code is sent to this browser for this email. */
  nextSendAtMs: number;
  /**
   * Bumped by every send and by the release of a failed one (not by code checks), so two concurrent
   * sends cannot both pass the backoff.
   */
  version: number;
  createdAt: string;
  updatedAt: string;
  usedAt?: string;
  /** HMAC of the code that was used, so the same browser repeating it shortly after is answered alike. */
  usedCodeHash?: string;
  expiresAtEpoch: number;
}

export interface IssueWrite {
  verificationKey: string;
  purpose: VerificationPurpose;
  email: string;
  newSubjectId: string;
  /** The version read before deciding; the write fails if another request wrote since. */
  seenVersion: number | undefined;
  sendCount: number;
  nextSendAtMs: number;
  now: string;
  expiresAtEpoch: number;
  /** A new code; omitted when nothing is sent that a code could verify. */
  code?: { hash: string; expiresAt: string; details?: PendingSignupDetails };
}

export interface CheckedCode {
  verificationKey: string;
  codeHash: string;
  maxAttempts: number;
  now: string;
}

const PENDING = 'PENDING';

/** The version a send writes, given the one it read: one rule for `issue` and `releaseSend`. */
const versionAfterSend = (seenVersion: number | undefined) => (seenVersion ?? 0) + 1;

export class EmailVerificationRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get(verificationKey: string): Promise<EmailVerificationRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { verificationKey }, ConsistentRead: true }),
    );
    return result.Item as EmailVerificationRecord | undefined;
  }

  /**
   * Records a send (and its new code, which resets the attempts of the code before it), on the
   * condition that nobody wrote since `seenVersion` was read.
   */
  issue(input: IssueWrite): TransactItem {
    const set = [
      'purpose = :purpose, email = :email, subjectId = if_not_exists(subjectId, :subjectId)',
      'createdAt = if_not_exists(createdAt, :now), updatedAt = :now, lastSentAt = :now',
      'sendCount = :sendCount, nextSendAtMs = :nextSendAtMs, version = :version, expiresAtEpoch = :ttl',
    ];
    const values: Record<string, unknown> = {
      ':purpose': input.purpose,
      ':email': input.email,
      ':subjectId': input.newSubjectId,
      ':now': input.now,
      ':sendCount': input.sendCount,
      ':nextSendAtMs': input.nextSendAtMs,
      ':version': versionAfterSend(input.seenVersion),
      ':ttl': input.expiresAtEpoch,
    };
    let remove = '';
    if (input.code) {
      set.push(
        '#status = :pending, codeHash = :codeHash, codeExpiresAt = :codeExpiresAt, codeAttempts = :zero',
      );
      Object.assign(values, {
        ':pending': PENDING,
        ':codeHash': input.code.hash,
        ':codeExpiresAt': input.code.expiresAt,
        ':zero': 0,
      });
      if (input.code.details) {
        set.push('details = :details');
        values[':details'] = input.code.details;
      } else remove = ' REMOVE details';
    } else {
      // Nothing sent that verifies: any older code stops working too.
      set.push('#status = if_not_exists(#status, :pending)');
      values[':pending'] = PENDING;
      remove = ' REMOVE codeHash, codeExpiresAt, codeAttempts, details';
    }
    const seen = input.seenVersion === undefined;
    if (!seen) values[':seenVersion'] = input.seenVersion;
    return {
      Update: {
        TableName: this.tableName,
        Key: { verificationKey: input.verificationKey },
        ConditionExpression: seen ? 'attribute_not_exists(verificationKey)' : 'version = :seenVersion',
        UpdateExpression: `SET ${set.join(', ')}${remove}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      },
    };
  }

  /**
   * Gives back the backoff of a send that did not happen (the email failed), if nothing wrote since
   * the send: `seenVersion` is the one that send's `issue()` was given.
   */
  async releaseSend(
    verificationKey: string,
    seenVersion: number | undefined,
    previous: { sendCount: number; nextSendAtMs: number },
  ): Promise<void> {
    const version = versionAfterSend(seenVersion);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { verificationKey },
        ConditionExpression: 'version = :version',
        UpdateExpression: 'SET sendCount = :sendCount, nextSendAtMs = :nextSendAtMs, version = :next',
        ExpressionAttributeValues: {
          ':version': version,
          ':next': version + 1,
          ':sendCount': previous.sendCount,
          ':nextSendAtMs': previous.nextSendAtMs,
        },
      }),
    );
  }

  /** Counts one wrong attempt at the current code; fails once the code is used, expired or spent. */
  countFailure(check: CheckedCode): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { verificationKey: check.verificationKey },
        ConditionExpression: this.usable,
        UpdateExpression: 'SET codeAttempts = codeAttempts + :one',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...this.usableValues(check), ':one': 1 },
      },
    };
  }

  /** Uses the code: it never works again. Fails when it is no longer usable. */
  markUsed(check: CheckedCode): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { verificationKey: check.verificationKey },
        ConditionExpression: this.usable,
        UpdateExpression:
          'SET #status = :used, usedAt = :now, updatedAt = :now, usedCodeHash = :hash, codeAttempts = codeAttempts + :one REMOVE codeHash, codeExpiresAt, details',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...this.usableValues(check), ':used': 'USED', ':one': 1 },
      },
    };
  }

  private readonly usable =
    '#status = :pending AND codeHash = :hash AND codeAttempts < :max AND codeExpiresAt > :now';

  private usableValues(check: CheckedCode) {
    return { ':pending': PENDING, ':hash': check.codeHash, ':max': check.maxAttempts, ':now': check.now };
  }
}
