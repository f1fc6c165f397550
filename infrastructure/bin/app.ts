import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { TelehealthStack } from '../lib/telehealth-stack';
import { TelehealthWafStack, WAF_REGION } from '../lib/waf-stack';

/**
 * Synthesises the stack into infrastructure/cdk.out/ without the CDK CLI (`pnpm synth`); nothing here
 * calls AWS. Context: `pnpm synth -c appOrigin=https://app.example.org -c sesDomain=example.org`
 * (also `uploadBucketName`, `tableNamePrefix`, and `amplifyAppArn` for the WAF stack, which is always
 * in us-east-1). Run by the CDK CLI (`cdk deploy -a 'npx tsx bin/app.ts'`),
 * the CLI's own -c values, output directory, account and region apply.
 */
function contextFromArgs(args: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '-c' && args[i] !== '--context') continue;
    const [name, ...rest] = (args[++i] ?? '').split('=');
    if (!name || !rest.length) throw new Error(`expected -c name=value, got "${args[i] ?? ''}"`);
    context[name] = rest.join('=');
  }
  return context;
}

const app = new App({
  outdir: process.env.CDK_OUTDIR ?? fileURLToPath(new URL('../cdk.out', import.meta.url)),
  context: contextFromArgs(process.argv.slice(2)),
});
const context = (name: string): string | undefined => {
  const value = app.node.tryGetContext(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

new TelehealthStack(app, 'TelehealthStack', {
  appOrigin: context('appOrigin') ?? 'https://app.example.com',
  sesDomain: context('sesDomain') ?? 'example.com',
  tableNamePrefix: context('tableNamePrefix'),
  uploadBucketName: context('uploadBucketName'),
  ...(account || region ? { env: { account, region } } : {}),
  description: 'Telehealth platform: DynamoDB tables, upload bucket, SES, KMS key, Amplify SSR role',
});

// A web ACL for Amplify Hosting has CloudFront scope, which exists only in us-east-1.
new TelehealthWafStack(app, 'TelehealthWafStack', {
  amplifyAppArn: context('amplifyAppArn'),
  env: { account, region: WAF_REGION },
  description: 'Telehealth platform: AWS WAF web ACL (per-IP rate limits) for the Amplify app',
});

app.synth();
