import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ApplicationDecisionRecord,
  ClinicianApplicationStatus,
  DocumentContentType,
  DocumentPurpose,
  StoredApplicationAnswers,
} from '@telehealth/contracts';
import { type TransactItem, transactWrite } from '../transactions';

export interface StoredDocument {
  /** The server's checked copy under `applications/<applicationId>/`; browsers cannot write there. */
  key: string;
  /** Where the browser uploaded it (`drafts/<draftId>/…`); expires with the draft. */
  uploadedKey: string;
  purpose: DocumentPurpose;
  fileName: string;
  /** A license copy: the index of its license in `application.licenses`. */
  licenseIndex?: number;
  /** A DEA certificate: the index of its registration in `application.deaRegistrations`. */
  deaIndex?: number;
  /** What the server found in S3, not what the browser claimed. */
  contentType: DocumentContentType;
  size: number;
  verifiedAt: string;
}

/** One application. The application fields are stored as submitted (already normalised by the contract). */
export interface ClinicianApplicationRecord {
  applicationId: string;
  referenceNumber: string;
  status: ClinicianApplicationStatus;
  email: string;
  submittedAt: string;
  updatedAt: string;
  draftId: string;
  documents: StoredDocument[];
  application: StoredApplicationAnswers;
  /** Every admin decision, oldest first (action, from, to, who, when, reason or message). */
  decisions?: ApplicationDecisionRecord[];
}

export type DecideOutcome =
  | { outcome: 'decided' }
  /** The status was not one the action may leave (another admin got there first): the record as it is. */
  | { outcome: 'status_changed'; current: ClinicianApplicationRecord | undefined };

export interface ApplicationPage {
  items: ClinicianApplicationRecord[];
  /** The index key of the last item, to continue from; absent on the last page. */
  lastKey?: Record<string, unknown>;
}

export type CreateApplicationOutcome =
  | { outcome: 'created'; record: ClinicianApplicationRecord }
  | { outcome: 'replayed'; record: ClinicianApplicationRecord }
  | { outcome: 'open_application_exists' }
  | { outcome: 'key_reused' };

/** Item that holds "this email has an open application"; it has no `status` or `email`, so no index sees it. */
export const openApplicationLockId = (email: string) => `open-application#${email}`;

export class ClinicianApplicationRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(applicationId: string): Promise<ClinicianApplicationRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { applicationId }, ConsistentRead: true }),
    );
    return result.Item as ClinicianApplicationRecord | undefined;
  }

  /**
   * Writes the application and the email's open-application lock in one transaction: a replay with
   * the same id (the idempotency key) returns the first record, and a second open application for
   * the same email is refused even when two arrive at once.
   */
  async create(
    record: ClinicianApplicationRecord,
    alsoPut: NonNullable<TransactItem['Put']>[] = [],
  ): Promise<CreateApplicationOutcome> {
    // Two submits of one application at once conflict; transactWrite retries, and the loser then
    // finds the winner's record and replays it.
    const outcome = await transactWrite(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: record,
          ConditionExpression: 'attribute_not_exists(applicationId)',
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: {
            applicationId: openApplicationLockId(record.email),
            openApplicationId: record.applicationId,
            createdAt: record.submittedAt,
          },
          ConditionExpression: 'attribute_not_exists(applicationId)',
        },
      },
      ...alsoPut.map((Put) => ({ Put })),
    ]);
    if (outcome.committed) return { outcome: 'created', record };
    const [recordReason, lockReason] = outcome.reasons;
    if (recordReason === 'ConditionalCheckFailed') {
      const existing = await this.get(record.applicationId);
      if (existing && existing.email === record.email) return { outcome: 'replayed', record: existing };
      return { outcome: 'key_reused' };
    }
    if (lockReason === 'ConditionalCheckFailed') return { outcome: 'open_application_exists' };
    throw new Error(`application transaction cancelled: ${outcome.reasons.join(',')}`);
  }

  /**
   * Moves an application from one of `from` to `decision.to` in one transaction with `alsoPut` (its
   * audit event). The update's condition names the allowed from-statuses, so of two admins deciding at
   * once one commits and the other gets `status_changed`. `releaseLock` deletes the email's
   * open-application lock in the same transaction, only if it names this application (or is gone).
   */
  async decide(
    input: {
      record: Pick<ClinicianApplicationRecord, 'applicationId' | 'email'>;
      from: readonly ClinicianApplicationStatus[];
      decision: ApplicationDecisionRecord;
      releaseLock: boolean;
    },
    alsoPut: NonNullable<TransactItem['Put']>[] = [],
  ): Promise<DecideOutcome> {
    const { record, from, decision } = input;
    const fromValues = Object.fromEntries(from.map((status, i) => [`:from${i}`, status]));
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.tableName,
          Key: { applicationId: record.applicationId },
          UpdateExpression:
            'SET #status = :to, updatedAt = :at, decisions = list_append(if_not_exists(decisions, :none), :decision)',
          ConditionExpression: `attribute_exists(applicationId) AND #status IN (${Object.keys(fromValues).join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ...fromValues,
            ':to': decision.to,
            ':at': decision.at,
            ':none': [],
            ':decision': [decision],
          },
        },
      },
      ...alsoPut.map((Put) => ({ Put })),
    ];
    if (input.releaseLock) {
      items.push({
        Delete: {
          TableName: this.tableName,
          Key: { applicationId: openApplicationLockId(record.email) },
          ConditionExpression: 'attribute_not_exists(applicationId) OR openApplicationId = :self',
          ExpressionAttributeValues: { ':self': record.applicationId },
        },
      });
    }
    const outcome = await transactWrite(this.db, items);
    if (outcome.committed) return { outcome: 'decided' };
    if (outcome.reasons[0] === 'ConditionalCheckFailed') {
      return { outcome: 'status_changed', current: await this.get(record.applicationId) };
    }
    throw new Error(`decision transaction cancelled: ${outcome.reasons.join(',')}`);
  }

  /** One page of applications in a status, newest first (the status index). */
  async listByStatus(
    status: ClinicianApplicationStatus,
    limit: number,
    startKey?: Record<string, unknown>,
  ): Promise<ApplicationPage> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'status-index',
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status },
        ScanIndexForward: false,
        Limit: limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    return {
      items: (result.Items ?? []) as ClinicianApplicationRecord[],
      ...(result.LastEvaluatedKey ? { lastKey: result.LastEvaluatedKey } : {}),
    };
  }

  /** How many applications are in a status (a COUNT query over the status index, every page). */
  async countByStatus(status: ClinicianApplicationStatus): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'status-index',
          KeyConditionExpression: '#status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status },
          Select: 'COUNT',
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      count += result.Count ?? 0;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return count;
  }
}
