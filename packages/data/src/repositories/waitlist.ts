import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { UsStateCode, WaitlistReason } from '@telehealth/contracts';
import type { TransactItem } from '../transactions';

/**
 * One proven address that wants to hear, once, when we can serve it. No name, no birth date: the
 * reason (and, for an unserved state, the state) is all that is kept, with the consent given.
 */
export interface WaitlistEntryRecord {
  /** HMAC of the normalised email: the same address always lands on the same entry. */
  entryKey: string;
  email: string;
  /** The id the audit trail names the entry by (`waitlist#<id>`); never the email. */
  subjectId: string;
  /** What the address may be used for, and nothing else. */
  purpose: 'notify-when-served';
  reason: WaitlistReason;
  state?: UsStateCode;
  consent: { version: string; acceptedAt: string };
  /** SHA-256 of the one-time removal token in the confirmation email; never the token. */
  removalTokenHash: string;
  createdAt: string;
  updatedAt: string;
  expiresAtEpoch: number;
}

export class WaitlistRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get(entryKey: string): Promise<WaitlistEntryRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { entryKey }, ConsistentRead: true }),
    );
    return result.Item as WaitlistEntryRecord | undefined;
  }

  /**
   * The entry, as a put for the transaction that uses the code. Joining again replaces it (new answers,
   * new consent time, a new removal token: the old link stops working), keeping its audit subject.
   */
  put(record: WaitlistEntryRecord): TransactItem {
    return { Put: { TableName: this.tableName, Item: record } };
  }

  /** Deletes the entry if the removal token's hash matches: single use, since the entry is then gone. */
  remove(entryKey: string, removalTokenHash: string): TransactItem {
    return {
      Delete: {
        TableName: this.tableName,
        Key: { entryKey },
        ConditionExpression: 'removalTokenHash = :hash',
        ExpressionAttributeValues: { ':hash': removalTokenHash },
      },
    };
  }
}
