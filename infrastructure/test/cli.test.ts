import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const cdkCli = createRequire(import.meta.url).resolve('aws-cdk/bin/cdk');
const outDirs: string[] = [];
// A CLI run spawns the app under tsx: seconds alone, more beside other tests on two cores.
const CLI_TIMEOUT_MS = 90_000;

type Resource = {
  Type: string;
  Properties: {
    BucketName?: string;
    CorsConfiguration?: { CorsRules: { AllowedOrigins: string[] }[] };
    EmailIdentity?: string;
    ResourceArn?: string;
  };
};

/** The real `cdk synth` through cdk.json, offline: no credentials, notices or telemetry. */
async function synth(context: string[]) {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-synth-'));
  outDirs.push(outdir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_EC2_METADATA_DISABLED: 'true',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  };
  for (const name of ['CDK_DEFAULT_ACCOUNT', 'CDK_DEFAULT_REGION', 'CDK_CONTEXT_JSON', 'CDK_OUTDIR']) {
    delete env[name];
  }
  const args = [
    cdkCli,
    'synth',
    '--quiet',
    '--no-notices',
    '-o',
    outdir,
    ...context.flatMap((c) => ['-c', c]),
  ];
  const result = await run(process.execPath, args, { cwd: root, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  const template = (stack: string) => {
    const file = join(outdir, `${stack}.template.json`);
    return existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as { Resources: Record<string, Resource> })
      : undefined;
  };
  return { ...result, template };
}

afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

describe('cdk synth through the CDK CLI (cdk.json)', () => {
  it(
    'writes both stacks from the context it is given',
    async () => {
      const arn = 'arn:aws:amplify:eu-west-1:123456789012:apps/d1a2b3c4e5';
      const { code, stderr, template } = await synth([
        'appOrigin=https://app.example.org',
        'mailDomain=example.org',
        'uploadBucketName=lumen-test-uploads',
        `amplifyAppArn=${arn}`,
      ]);
      expect(code, stderr).toBe(0);
      const resources = (stack: string, type: string) =>
        Object.values(template(stack)?.Resources ?? {}).filter((r) => r.Type === type);

      const [bucket] = resources('TelehealthStack', 'AWS::S3::Bucket');
      expect(bucket?.Properties.BucketName).toBe('lumen-test-uploads');
      expect(bucket?.Properties.CorsConfiguration?.CorsRules[0]?.AllowedOrigins).toEqual([
        'https://app.example.org',
      ]);
      expect(resources('TelehealthStack', 'AWS::SES::EmailIdentity')[0]?.Properties.EmailIdentity).toBe(
        'example.org',
      );
      expect(resources('TelehealthWafStack', 'AWS::WAFv2::WebACL')).toHaveLength(1);
      expect(
        resources('TelehealthWafStack', 'AWS::WAFv2::WebACLAssociation')[0]?.Properties.ResourceArn,
      ).toBe(arn);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'fails naming the missing context key, and writes no template',
    async () => {
      const { code, stderr, template } = await synth(['mailDomain=example.org']);
      expect(code).not.toBe(0);
      expect(stderr).toContain('appOrigin: missing: pass -c appOrigin=');
      expect(template('TelehealthStack')).toBeUndefined();
    },
    CLI_TIMEOUT_MS,
  );
});
