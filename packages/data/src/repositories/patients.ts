import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { PatientStatus, StoredConsent, UsStateCode } from '@telehealth/contracts';
import type { TransactItem } from '../transactions';

export interface PatientRecord {
  email: string;
  patientId: string;
  firstName: string;
  lastName: string;
  /** E.164 */
  phone: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  state: UsStateCode;
  /** Which version of each document (telehealth consent, privacy notice, terms) was accepted, and when. */
  consent: StoredConsent;
  status: PatientStatus;
  createdAt: string;
  updatedAt: string;
  verifiedAt?: string;
}

export interface VerifiedPatientWrite {
  email: string;
  patientId: string;
  firstName: string;
  lastName: string;
  phone: string;
  dateOfBirth: string;
  state: UsStateCode;
  /** What was accepted with the signup that is now verified: each document's version, and when. */
  consent: StoredConsent;
  now: string;
}

export class PatientRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get(email: string): Promise<PatientRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { email }, ConsistentRead: true }),
    );
    return result.Item as PatientRecord | undefined;
  }

  /**
   * The verified patient, as a put for the transaction that uses the code. It fails when the email
   * already belongs to a verified patient: a verified patient is never overwritten.
   */
  createVerified(input: VerifiedPatientWrite): TransactItem {
    const record: PatientRecord = {
      email: input.email,
      patientId: input.patientId,
      firstName: input.firstName,
      lastName: input.lastName,
      phone: input.phone,
      dateOfBirth: input.dateOfBirth,
      state: input.state,
      consent: input.consent,
      status: 'VERIFIED',
      createdAt: input.now,
      updatedAt: input.now,
      verifiedAt: input.now,
    };
    return {
      Put: {
        TableName: this.tableName,
        Item: record,
        ConditionExpression: 'attribute_not_exists(email) OR #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'PENDING_VERIFICATION' },
      },
    };
  }
}
