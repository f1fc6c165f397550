import { App } from 'aws-cdk-lib';
import { type AppContext, readAppContext } from '../lib/context';
import { TelehealthStack } from '../lib/telehealth-stack';
import { TelehealthWafStack, WAF_REGION } from '../lib/waf-stack';

/**
 * The CDK app, run by the CDK CLI through cdk.json:
 * `pnpm --filter @telehealth/infrastructure cdk synth -c appOrigin=https://app.example.org -c mailDomain=example.org`
 * (docs/deployment.md). The CLI passes context (`-c`, cdk.json), the output directory and, when it can
 * find credentials, the account and region; synth itself calls no AWS API.
 */
const app = new App();
let context: AppContext;
try {
  context = readAppContext(app.node);
} catch (error) {
  // The message names each key; a stack trace would only bury it.
  console.error((error as Error).message);
  process.exit(1);
}

// Set by the CLI from its profile; without credentials the account stays unresolved (synth needs none).
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

new TelehealthStack(app, 'TelehealthStack', {
  appOrigin: context.appOrigin,
  mailDomain: context.mailDomain,
  tableNamePrefix: context.tableNamePrefix,
  uploadBucketName: context.uploadBucketName,
  ...(account || region ? { env: { account, region } } : {}),
  description: 'Telehealth platform: DynamoDB tables, upload bucket, SES, KMS key, Amplify SSR role',
});

// A web ACL for Amplify Hosting has CloudFront scope, which exists only in us-east-1.
new TelehealthWafStack(app, 'TelehealthWafStack', {
  amplifyAppArn: context.amplifyAppArn,
  env: { account, region: WAF_REGION },
  description: 'Telehealth platform: AWS WAF web ACL (per-IP rate limits) for the Amplify app',
});

app.synth();
