import 'server-only';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createDocumentClient } from '@telehealth/data';
import { serverEnv } from './env';

/** One client per service per server instance; only the endpoint differs between local and AWS. */
let dynamo: ReturnType<typeof createDocumentClient> | undefined;
let ses: SESv2Client | undefined;

export function dynamoDocumentClient() {
  const env = serverEnv();
  dynamo ??= createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT });
  return dynamo;
}

export function sesClient(): SESv2Client {
  const env = serverEnv();
  ses ??= new SESv2Client({
    region: env.AWS_REGION,
    ...(env.SES_ENDPOINT ? { endpoint: env.SES_ENDPOINT } : {}),
  });
  return ses;
}
