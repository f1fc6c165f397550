import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed, itemOfFailedCondition } from '../client';

export type PatientStatus = 'PENDING_VERIFICATION' | 'VERIFIED';

export interface PatientRecord {
  email: string;
  patientId: string;
  firstName: string;
  lastName: string;
  /** E.164 */
  phone: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  state: string;
  consent: { telehealth: boolean; privacy: boolean; acceptedAt: string };
  status: PatientStatus;
  /** HMAC of the current one-time code; never the code itself. Removed once used. */
  codeHash?: string;
  codeIssuedAt?: string;
  codeExpiresAt?: string;
  codeAttempts?: number;
  createdAt: string;
  updatedAt: string;
  verifiedAt?: string;
  /** TTL for records never verified, epoch seconds; removed on verification. */
  expiresAtEpoch?: number;
}

export interface PendingPatientWrite {
  email: string;
  newPatientId: string;
  firstName: string;
  lastName: string;
  phone: string;
  dateOfBirth: string;
  state: string;
  codeHash: string;
  codeExpiresAt: string;
  now: string;
  expiresAtEpoch: number;
}

export type PendingWriteOutcome =
  | { outcome: 'created' | 'refreshed'; patientId: string }
  | { outcome: 'already_verified'; patientId: string };

const PENDING: PatientStatus = 'PENDING_VERIFICATION';

export class PatientRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(email: string): Promise<PatientRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { email }, ConsistentRead: true }),
    );
    return result.Item as PatientRecord | undefined;
  }

  /**
   * Creates the provisional patient, or refreshes an unverified one with the latest details and a
   * new code (which resets the attempt counter). A verified patient is never overwritten.
   */
  async writePending(input: PendingPatientWrite): Promise<PendingWriteOutcome> {
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { email: input.email },
          ConditionExpression: 'attribute_not_exists(email) OR #status = :pending',
          UpdateExpression: [
            'SET patientId = if_not_exists(patientId, :newId), createdAt = if_not_exists(createdAt, :now)',
            'firstName = :firstName, lastName = :lastName, phone = :phone, dateOfBirth = :dob, #state = :state',
            'consent = :consent, #status = :pending, codeHash = :codeHash, codeIssuedAt = :now',
            'codeExpiresAt = :codeExpiresAt, codeAttempts = :zero, updatedAt = :now, expiresAtEpoch = :ttl',
          ].join(', '),
          ExpressionAttributeNames: { '#status': 'status', '#state': 'state' },
          ExpressionAttributeValues: {
            ':pending': PENDING,
            ':newId': input.newPatientId,
            ':now': input.now,
            ':firstName': input.firstName,
            ':lastName': input.lastName,
            ':phone': input.phone,
            ':dob': input.dateOfBirth,
            ':state': input.state,
            ':consent': { telehealth: true, privacy: true, acceptedAt: input.now },
            ':codeHash': input.codeHash,
            ':codeExpiresAt': input.codeExpiresAt,
            ':zero': 0,
            ':ttl': input.expiresAtEpoch,
          },
          ReturnValues: 'ALL_NEW',
          // The verified record comes back with the refusal: no second read, so both paths cost the same.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      const item = result.Attributes as PatientRecord;
      return { outcome: item.createdAt === input.now ? 'created' : 'refreshed', patientId: item.patientId };
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        const patientId = String(itemOfFailedCondition(error)?.patientId ?? '');
        return { outcome: 'already_verified', patientId };
      }
      throw error;
    }
  }

  /**
   * Counts one attempt against the current code, atomically. Fails (returns false) once the code has
   * had `maxAttempts`, has expired, or was replaced or used since it was read.
   */
  async consumeAttempt(email: string, codeHash: string, maxAttempts: number, now: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { email },
          ConditionExpression:
            '#status = :pending AND codeHash = :hash AND codeAttempts < :max AND codeExpiresAt > :now',
          UpdateExpression: 'SET codeAttempts = codeAttempts + :one',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pending': PENDING,
            ':hash': codeHash,
            ':max': maxAttempts,
            ':now': now,
            ':one': 1,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** Marks the patient verified and removes the code, so it can never be used again. */
  async markVerified(email: string, codeHash: string, now: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { email },
          ConditionExpression: '#status = :pending AND codeHash = :hash',
          UpdateExpression:
            'SET #status = :verified, verifiedAt = :now, updatedAt = :now REMOVE codeHash, codeIssuedAt, codeExpiresAt, codeAttempts, expiresAtEpoch',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pending': PENDING,
            ':verified': 'VERIFIED',
            ':hash': codeHash,
            ':now': now,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
