import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { type AwsCallLimits, awsClientSettings, createDocumentClient } from '@telehealth/data';
import { serverEnv } from './env';

/**
 * The deadline of the API request being served. `route()` sets it; every AWS call made while
 * serving the request is cut when it passes, so a frozen dependency cannot hold the request open.
 */
const deadlines = new AsyncLocalStorage<AbortSignal>();

/** Runs `fn` with AWS calls bounded by `signal` (an API request's budget, or a clean-up's own). */
export function withAwsDeadline<T>(signal: AbortSignal, fn: () => T): T {
  return deadlines.run(signal, fn);
}

const limits: AwsCallLimits = { deadline: () => deadlines.getStore() };

/** One client per service per server instance; only the endpoint differs between local and AWS. */
let dynamo: ReturnType<typeof createDocumentClient> | undefined;
let ses: SESv2Client | undefined;
let s3: S3Client | undefined;

export function dynamoDocumentClient() {
  const env = serverEnv();
  dynamo ??= createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT, limits });
  return dynamo;
}

export function sesClient(): SESv2Client {
  const env = serverEnv();
  ses ??= new SESv2Client({
    region: env.AWS_REGION,
    ...(env.SES_ENDPOINT ? { endpoint: env.SES_ENDPOINT } : {}),
    ...awsClientSettings(limits),
  });
  return ses;
}

export function s3Client(): S3Client {
  const env = serverEnv();
  s3 ??= new S3Client({
    region: env.AWS_REGION,
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT, forcePathStyle: true } : {}),
    // Otherwise presigned PUTs carry an empty-body checksum that S3 rejects for the real body.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...awsClientSettings(limits),
  });
  return s3;
}
