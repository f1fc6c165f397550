import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { epochSeconds, isConditionalCheckFailed, itemOfFailedCondition } from '../client';
import type { TransactItem } from '../transactions';

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counters in DynamoDB, so a limit holds across every server instance. Errors propagate: callers
 * treat them as "limited" (fail closed).
 */
export class RateLimitRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Fixed-window counter: at most `limit` hits a window of `windowSeconds`. */
  async hit(key: string, limit: number, windowSeconds: number, now: Date): Promise<RateLimitDecision> {
    const nowSeconds = epochSeconds(now);
    const windowStart = nowSeconds - (nowSeconds % windowSeconds);
    const windowEnd = windowStart + windowSeconds;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { key: `${key}#${windowStart}` },
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          UpdateExpression: 'ADD hits :one SET expiresAtEpoch = :ttl',
          ExpressionAttributeValues: { ':limit': limit, ':one': 1, ':ttl': windowEnd + 60 },
        }),
      );
      return { allowed: true };
    } catch (error) {
      if (isConditionalCheckFailed(error))
        return { allowed: false, retryAfterSeconds: Math.max(1, windowEnd - nowSeconds) };
      throw error;
    }
  }

  /**
   * A budget inside a transaction: `spend` takes one unit (the transaction fails once `limit` are
   * spent in the window), `ensureLeft` only checks that one is left. `spent` reads the count.
   */
  budget(key: string, limit: number, windowSeconds: number, now: Date) {
    const nowSeconds = epochSeconds(now);
    const windowStart = nowSeconds - (nowSeconds % windowSeconds);
    const windowEnd = windowStart + windowSeconds;
    const Key = { key: `${key}#${windowStart}` };
    const condition = 'attribute_not_exists(hits) OR hits < :limit';
    return {
      retryAfterSeconds: Math.max(1, windowEnd - nowSeconds),
      windowEnd,
      spend: (): TransactItem => ({
        Update: {
          TableName: this.tableName,
          Key,
          ConditionExpression: condition,
          UpdateExpression: 'ADD hits :one SET expiresAtEpoch = :ttl',
          ExpressionAttributeValues: { ':limit': limit, ':one': 1, ':ttl': windowEnd + 60 },
        },
      }),
      ensureLeft: (): TransactItem => ({
        ConditionCheck: {
          TableName: this.tableName,
          Key,
          ConditionExpression: condition,
          ExpressionAttributeValues: { ':limit': limit },
        },
      }),
      spent: async (): Promise<number> => {
        const result = await this.db.send(
          new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }),
        );
        return Number(result.Item?.hits ?? 0);
      },
    };
  }

  /** Cooldown: allowed once, then not again until `seconds` have passed since the allowed call. */
  async cooldown(key: string, seconds: number, now: Date): Promise<RateLimitDecision> {
    const nowMs = now.getTime();
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { key },
          ConditionExpression: 'attribute_not_exists(untilMs) OR untilMs <= :now',
          UpdateExpression: 'SET untilMs = :until, expiresAtEpoch = :ttl',
          ExpressionAttributeValues: {
            ':now': nowMs,
            ':until': nowMs + seconds * 1000,
            ':ttl': epochSeconds(now) + seconds + 60,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { allowed: true };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const until = Number(itemOfFailedCondition(error)?.untilMs ?? nowMs + seconds * 1000);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - nowMs) / 1000)) };
    }
  }

  /** Ends a cooldown early, for when the action it guarded did not happen. */
  async release(key: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { key } }));
  }
}
