import { type AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

export interface DynamoClientOptions {
  region: string;
  /** Set for DynamoDB Local; unset in AWS. */
  endpoint?: string | undefined;
}

/** One document client; the same code talks to DynamoDB Local and to AWS, only the endpoint differs. */
export function createDocumentClient({ region, endpoint }: DynamoClientOptions): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ region, ...(endpoint ? { endpoint } : {}), maxAttempts: 3 });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * The item a failed condition returned (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`). The
 * document client does not unmarshall error payloads, so it is done here.
 */
export function itemOfFailedCondition(error: unknown): Record<string, unknown> | undefined {
  const item = (error as { Item?: Record<string, AttributeValue> }).Item;
  return item ? unmarshall(item) : undefined;
}

export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
