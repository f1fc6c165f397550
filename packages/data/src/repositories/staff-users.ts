import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { StaffRole, StaffStatus, StaffUser } from '@telehealth/contracts';
import type { TransactItem } from '../transactions';

/** A single-use link (invitation or password reset): only the SHA-256 of its secret is stored. */
export interface StaffLink {
  hash: string;
  expiresAt: string;
}

export interface StaffTotp {
  /** The TOTP secret, AES-GCM encrypted by the app (never in clear). */
  encryptedSecret: string;
  /** The last accepted time step: a code of this step or an older one is refused (replay). */
  lastUsedStep: number;
  enrolledAt: string;
}

/** One staff user as stored: the API shape plus what never leaves the server. */
export interface StaffUserRecord extends Omit<StaffUser, 'totpEnrolled'> {
  pk: `user#${string}`;
  /** Present on every user item so `list-index` lists users and nothing else. */
  listKey: 'staff';
  /** argon2id, peppered; absent until the invitation is accepted. */
  passwordHash?: string;
  /** Bumped by sign-out everywhere, a password change, disabling: every older session stops working. */
  sessionVersion: number;
  /** Consecutive failed sign-ins (password or second factor); reset by a success or the lock's end. */
  failedSignIns: number;
  lockedUntil?: string;
  totp?: StaffTotp;
  /** Hashes of the unused backup codes. */
  backupCodes?: string[];
  invitation?: StaffLink;
  /** `staff#<id>` of the admin who invited, or `system` for the bootstrap and the dev seed. */
  invitedBy: string;
}

/**
 * A sign-in in progress, between the password and the session: keyed by the SHA-256 of the secret in
 * the person's HttpOnly ticket cookie. `next` says what it still needs: a TOTP or backup code, a TOTP
 * enrolment, or nothing (`complete`). Spent by a conditional delete when the session is issued.
 */
export interface SignInTicketRecord {
  pk: `ticket#${string}`;
  userId: string;
  next: 'second-factor' | 'enrol' | 'complete';
  /** The secret being enrolled (encrypted), until a code from it confirms the enrolment. */
  pendingTotpSecret?: string;
  /** Wrong codes on this ticket; the user's lockout counts them too. */
  attempts: number;
  createdAt: string;
  expiresAt: string;
  expiresAtEpoch: number;
}

const userKey = (userId: string) => `user#${userId}` as const;
const ticketKey = (hash: string) => `ticket#${hash}` as const;
const emailKey = (email: string) => `email#${email}`;

/** The API shape of a stored user. */
export function toStaffUser(record: StaffUserRecord): StaffUser {
  return {
    userId: record.userId,
    email: record.email,
    name: record.name,
    role: record.role,
    status: record.status,
    totpEnrolled: Boolean(record.totp),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export interface NewStaffUser {
  userId: string;
  email: string;
  name: string;
  role: StaffRole;
  invitedBy: string;
  invitation: StaffLink;
  now: string;
  /** Set for the dev seed, which creates ready-to-use accounts. */
  ready?: { passwordHash: string; totp?: StaffTotp };
}

export class StaffUserRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /** An update whose condition may not hold: true when it was made, false when it did not hold. */
  private async conditionalUpdate(
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>,
  ): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({ TableName: this.tableName, ...input }));
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async get(userId: string): Promise<StaffUserRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: userKey(userId) }, ConsistentRead: true }),
    );
    return result.Item as StaffUserRecord | undefined;
  }

  async getByEmail(email: string): Promise<StaffUserRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: emailKey(email) }, ConsistentRead: true }),
    );
    const userId = (result.Item as { userId?: string } | undefined)?.userId;
    return userId ? this.get(userId) : undefined;
  }

  /** Newest first, for the staff page. */
  async list(limit = 100): Promise<StaffUserRecord[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'list-index',
        KeyConditionExpression: 'listKey = :staff',
        ExpressionAttributeValues: { ':staff': 'staff' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []) as StaffUserRecord[];
  }

  /**
   * The user and its email item, each a conditional put: the transaction fails on the second item
   * (index 1) when the email is taken. Commit with the audit event.
   */
  create(input: NewStaffUser): [TransactItem, TransactItem] {
    const status: StaffStatus = input.ready ? 'active' : 'invited';
    const user: StaffUserRecord = {
      pk: userKey(input.userId),
      listKey: 'staff',
      userId: input.userId,
      email: input.email,
      name: input.name,
      role: input.role,
      status,
      sessionVersion: 1,
      failedSignIns: 0,
      invitedBy: input.invitedBy,
      createdAt: input.now,
      updatedAt: input.now,
      ...(input.ready
        ? { passwordHash: input.ready.passwordHash, ...(input.ready.totp ? { totp: input.ready.totp } : {}) }
        : { invitation: input.invitation }),
    };
    return [
      { Put: { TableName: this.tableName, Item: user, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: this.tableName,
          Item: { pk: emailKey(input.email), userId: input.userId },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
  }

  /** A new invitation link replaces the old one (which stops working), while the user is still invited. */
  replaceInvitation(userId: string, invitation: StaffLink, now: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: userKey(userId) },
        ConditionExpression: '#status = :invited',
        UpdateExpression: 'SET invitation = :invitation, updatedAt = :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':invited': 'invited', ':invitation': invitation, ':now': now },
      },
    };
  }

  /**
   * Spends the invitation: only with this link's hash, before it expires, while still invited. Sets
   * the password and activates the user; the link is removed, so a second use finds nothing.
   */
  acceptInvitation(userId: string, linkHash: string, passwordHash: string, now: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: userKey(userId) },
        ConditionExpression:
          '#status = :invited AND invitation.#hash = :hash AND invitation.expiresAt > :now',
        UpdateExpression:
          'SET #status = :active, passwordHash = :passwordHash, updatedAt = :now, sessionVersion = sessionVersion + :one REMOVE invitation',
        ExpressionAttributeNames: { '#status': 'status', '#hash': 'hash' },
        ExpressionAttributeValues: {
          ':invited': 'invited',
          ':active': 'active',
          ':hash': linkHash,
          ':passwordHash': passwordHash,
          ':now': now,
          ':one': 1,
        },
      },
    };
  }

  /**
   * Counts a failed sign-in; the failure that reaches `maxFailures` locks until `lockUntil` and
   * starts the count again. Returns whether this failure locked the account.
   */
  async recordFailure(
    userId: string,
    maxFailures: number,
    lockUntil: string,
    now: string,
  ): Promise<{ locked: boolean }> {
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: userKey(userId) },
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'ADD failedSignIns :one SET updatedAt = :now',
        ExpressionAttributeValues: { ':one': 1, ':now': now },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const failures = Number(result.Attributes?.failedSignIns ?? 0);
    if (failures < maxFailures) return { locked: false };
    const locked = await this.conditionalUpdate({
      Key: { pk: userKey(userId) },
      // Only the request that reached the limit locks: a concurrent one sees the reset count.
      ConditionExpression: 'failedSignIns >= :max',
      UpdateExpression: 'SET lockedUntil = :until, failedSignIns = :zero, updatedAt = :now',
      ExpressionAttributeValues: { ':max': maxFailures, ':until': lockUntil, ':zero': 0, ':now': now },
    });
    return { locked };
  }

  /** A successful sign-in: the failure count starts again. */
  async clearFailures(userId: string, now: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: userKey(userId) },
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'SET failedSignIns = :zero, updatedAt = :now REMOVE lockedUntil',
        ExpressionAttributeValues: { ':zero': 0, ':now': now },
      }),
    );
  }

  /**
   * A new password, only over the hash that was checked (a concurrent change wins once); every
   * session ends with it.
   */
  changePassword(userId: string, previousHash: string, passwordHash: string, now: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: userKey(userId) },
        ConditionExpression: 'passwordHash = :previous AND #status = :active',
        UpdateExpression:
          'SET passwordHash = :hash, sessionVersion = sessionVersion + :one, updatedAt = :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':previous': previousHash,
          ':hash': passwordHash,
          ':active': 'active',
          ':one': 1,
          ':now': now,
        },
      },
    };
  }

  /** An admin ends a lock (and the failure count) before its time. */
  unlock(userId: string, now: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: userKey(userId) },
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'SET failedSignIns = :zero, updatedAt = :now REMOVE lockedUntil',
        ExpressionAttributeValues: { ':zero': 0, ':now': now },
      },
    };
  }

  /** Disables the user and ends every session; an invitation still pending stops working too. */
  disable(userId: string, now: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: userKey(userId) },
        ConditionExpression: 'attribute_exists(pk) AND #status <> :disabled',
        UpdateExpression:
          'SET #status = :disabled, sessionVersion = sessionVersion + :one, updatedAt = :now REMOVE invitation',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':disabled': 'disabled', ':one': 1, ':now': now },
      },
    };
  }

  /** Every session of the user stops working at its next request. */
  bumpSessionVersion(userId: string, now: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: userKey(userId) },
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'SET sessionVersion = sessionVersion + :one, updatedAt = :now',
        ExpressionAttributeValues: { ':one': 1, ':now': now },
      },
    };
  }

  /**
   * Enrols TOTP and its backup codes, only when none is enrolled yet (a second enrolment page
   * cannot overwrite the first); the confirming code's step is the first used one.
   */
  enrolTotp(userId: string, totp: StaffTotp, backupCodeHashes: string[], now: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: userKey(userId) },
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(totp)',
        UpdateExpression: 'SET totp = :totp, backupCodes = :codes, updatedAt = :now',
        ExpressionAttributeValues: { ':totp': totp, ':codes': backupCodeHashes, ':now': now },
      },
    };
  }

  /**
   * Records a TOTP step as used, only if it is newer than the last used one: of two requests with
   * the same code, one wins; a replay of an older code fails. Returns whether this step was accepted.
   */
  async spendTotpStep(userId: string, step: number, now: string): Promise<boolean> {
    return this.conditionalUpdate({
      Key: { pk: userKey(userId) },
      ConditionExpression: 'totp.lastUsedStep < :step',
      UpdateExpression: 'SET totp.lastUsedStep = :step, updatedAt = :now',
      ExpressionAttributeValues: { ':step': step, ':now': now },
    });
  }

  /** Spends one backup code: removed at its index only if that index still holds this hash. */
  async spendBackupCode(userId: string, index: number, hash: string, now: string): Promise<boolean> {
    return this.conditionalUpdate({
      Key: { pk: userKey(userId) },
      ConditionExpression: `backupCodes[${index}] = :hash`,
      UpdateExpression: `REMOVE backupCodes[${index}] SET updatedAt = :now`,
      ExpressionAttributeValues: { ':hash': hash, ':now': now },
    });
  }

  // -------------------------------------------------------------------------------------------
  // Sign-in tickets

  async putTicket(input: Omit<SignInTicketRecord, 'pk' | 'attempts'> & { hash: string }): Promise<void> {
    const { hash, ...rest } = input;
    const item: SignInTicketRecord = { pk: ticketKey(hash), attempts: 0, ...rest };
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** The ticket, if it exists and has not expired (TTL deletes late, so expiry is checked here). */
  async getTicket(hash: string, now: string): Promise<SignInTicketRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: ticketKey(hash) }, ConsistentRead: true }),
    );
    const ticket = result.Item as SignInTicketRecord | undefined;
    return ticket && ticket.expiresAt > now ? ticket : undefined;
  }

  /** Keeps the secret being enrolled on the ticket (the enrolment page may be reloaded: same secret). */
  async setPendingTotpSecret(hash: string, encryptedSecret: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: ticketKey(hash) },
        ConditionExpression:
          'attribute_exists(pk) AND #next = :enrol AND attribute_not_exists(pendingTotpSecret)',
        UpdateExpression: 'SET pendingTotpSecret = :secret',
        ExpressionAttributeNames: { '#next': 'next' },
        ExpressionAttributeValues: { ':enrol': 'enrol', ':secret': encryptedSecret },
      }),
    );
  }

  /** Marks the ticket complete (enrolment confirmed), in the enrolment's transaction. */
  completeTicket(hash: string, from: SignInTicketRecord['next']): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: ticketKey(hash) },
        ConditionExpression: '#next = :from',
        UpdateExpression: 'SET #next = :complete REMOVE pendingTotpSecret',
        ExpressionAttributeNames: { '#next': 'next' },
        ExpressionAttributeValues: { ':from': from, ':complete': 'complete' },
      },
    };
  }

  /** Counts a wrong code on the ticket; returns the attempts so far. */
  async countTicketAttempt(hash: string): Promise<number> {
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: ticketKey(hash) },
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'ADD attempts :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.attempts ?? 0);
  }

  /** Spends the ticket once: of two requests, one gets it back, the other undefined. */
  async consumeTicket(hash: string): Promise<SignInTicketRecord | undefined> {
    try {
      const result = await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: ticketKey(hash) },
          ConditionExpression: 'attribute_exists(pk)',
          ReturnValues: 'ALL_OLD',
        }),
      );
      return result.Attributes as SignInTicketRecord | undefined;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  }
}
