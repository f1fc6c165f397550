import { type AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * Limits for every AWS call, so a dependency that stops answering cannot hold a request open.
 * One attempt: connect within 1 s, finish within 3 s; the standard retry mode makes at most one more
 * attempt, so one call gives up after about 6.5 s, inside an API request's total budget.
 */
export const AWS_CALL_LIMITS = {
  connectionTimeoutMs: 1_000,
  requestTimeoutMs: 3_000,
  maxAttempts: 2,
} as const;

/**
 * Kept-alive sockets per AWS endpoint, per client. A server instance serving 50 requests at once
 * makes up to two calls each in parallel; the SDK's default of 50 would queue the rest behind the
 * agent. (On Lambda an instance serves one request at a time and uses a few.)
 */
export const AWS_MAX_SOCKETS = 128;

export interface AwsCallLimits {
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  maxAttempts?: number;
  /**
   * The caller's deadline, read on every attempt (e.g. the API request's budget). When it aborts,
   * the HTTP request in flight is cut and no retry follows (the SDK never retries an AbortError).
   */
  deadline?: () => AbortSignal | undefined;
}

type HandleArgs = Parameters<NodeHttpHandler['handle']>;

/** NodeHttpHandler that also stops at the caller's deadline. */
class DeadlineHttpHandler extends NodeHttpHandler {
  constructor(
    options: ConstructorParameters<typeof NodeHttpHandler>[0],
    private readonly deadline: () => AbortSignal | undefined,
  ) {
    super(options);
  }

  override handle(request: HandleArgs[0], options: HandleArgs[1] = {}) {
    const deadline = this.deadline();
    if (!deadline) return super.handle(request, options);
    const own = options.abortSignal as AbortSignal | undefined;
    const abortSignal = own ? AbortSignal.any([deadline, own]) : deadline;
    return super.handle(request, { ...options, abortSignal });
  }
}

/**
 * Client settings shared by every AWS SDK client (DynamoDB here; SES and S3 in the app): timeouts
 * on each attempt, the standard retry mode with few attempts, the caller's deadline, and a kept-alive
 * socket pool large enough for a busy server instance.
 */
export function awsClientSettings(limits: AwsCallLimits = {}) {
  const { connectionTimeoutMs, requestTimeoutMs, maxAttempts } = { ...AWS_CALL_LIMITS, ...limits };
  const options = {
    connectionTimeout: connectionTimeoutMs,
    requestTimeout: requestTimeoutMs,
    // Without it the SDK only logs a warning when requestTimeout passes and keeps waiting.
    throwOnRequestTimeout: true,
    // https in AWS, http to the local stand-ins.
    httpAgent: { keepAlive: true, maxSockets: AWS_MAX_SOCKETS },
    httpsAgent: { keepAlive: true, maxSockets: AWS_MAX_SOCKETS },
  };
  return {
    requestHandler: limits.deadline
      ? new DeadlineHttpHandler(options, limits.deadline)
      : new NodeHttpHandler(options),
    retryMode: 'standard' as const,
    maxAttempts,
  };
}

export interface DynamoClientOptions {
  region: string;
  /** Set for DynamoDB Local; unset in AWS. */
  endpoint?: string | undefined;
  limits?: AwsCallLimits;
}

/** One document client; the same code talks to DynamoDB Local and to AWS, only the endpoint differs. */
export function createDocumentClient({
  region,
  endpoint,
  limits,
}: DynamoClientOptions): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    ...awsClientSettings(limits),
  });
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
