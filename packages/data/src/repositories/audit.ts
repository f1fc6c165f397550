import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

export interface AuditEventInput {
  /** Who acted: `public`, `patient#<id>`, `staff#<id>`, `system`. */
  actor: string;
  /** What happened, dotted: `patient.verified`. */
  action: string;
  /** Whose data: `patient#<id>`, `clinician-application#<id>`. Never an email. */
  subject: string;
  requestId: string;
  /** Non-PHI context (outcome, reason codes). */
  details?: Record<string, string | number | boolean>;
  sourceIp?: string;
}

export interface AuditEvent extends AuditEventInput {
  eventId: string;
  eventKey: string;
  at: string;
  day: string;
}

export class AuditRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The event as a conditional put, to commit in the same transaction as the change it records. */
  transactionPut(input: AuditEventInput, at: Date) {
    const eventId = randomUUID();
    const iso = at.toISOString();
    const event: AuditEvent = {
      ...input,
      eventId,
      at: iso,
      day: iso.slice(0, 10),
      eventKey: `${iso}#${eventId}`,
    };
    return { TableName: this.tableName, Item: event, ConditionExpression: 'attribute_not_exists(eventKey)' };
  }

  async record(input: AuditEventInput, at: Date): Promise<AuditEvent> {
    const put = this.transactionPut(input, at);
    await this.db.send(new PutCommand(put));
    return put.Item;
  }

  async listForSubject(subject: string): Promise<AuditEvent[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'subject = :subject',
        ExpressionAttributeValues: { ':subject': subject },
      }),
    );
    return (result.Items ?? []) as AuditEvent[];
  }
}
