import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type {
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
}
