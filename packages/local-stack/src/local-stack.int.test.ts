import { createServer, type Server } from 'node:net';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableDefinitions } from '@telehealth/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, LOCAL_CREDENTIALS, type LocalStack, LocalStackError, startLocalStack } from './index';

describe('local stack', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ appOrigin: 'http://localhost:3999' });
  });
  afterAll(() => stack?.stop());

  it('creates every table with its indexes and TTL', async () => {
    const client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: stack.urls.dynamodb,
      credentials: LOCAL_CREDENTIALS,
    });
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: tableDefinitions.clinicianApplications.defaultName }),
    );
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual([
      'email-index',
      'status-index',
    ]);
    client.destroy();
  });

  it('serves the SES inbox and a bucket that allows only the app origin', async () => {
    expect((await fetch(`${stack.urls.inbox}/store`)).status).toBe(200);
    const preflight = await fetch(`${stack.urls.s3}/${stack.env.AWS_S3_UPLOAD_BUCKET}/x.pdf`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3999', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    const foreign = await fetch(`${stack.urls.s3}/${stack.env.AWS_S3_UPLOAD_BUCKET}/x.pdf`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('names the process of each stand-in, so a test can freeze one and let it go', async () => {
    const store = () => fetch(`${stack.urls.inbox}/store`, { signal: AbortSignal.timeout(1000) });
    process.kill(stack.pids.ses, 'SIGSTOP');
    try {
      await expect(store()).rejects.toThrow(/aborted/i);
    } finally {
      process.kill(stack.pids.ses, 'SIGCONT');
    }
    expect((await store()).status).toBe(200);
    expect(new Set(Object.values(stack.pids)).size).toBe(3);
  });
});

describe('local stack start-up problems', () => {
  it('says which port is taken and what to do', async () => {
    const port = await freePort();
    const blocker: Server = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const error = await startLocalStack({
        appOrigin: 'http://localhost:3999',
        ports: { dynamodb: port, ses: port + 1, s3: port + 2 },
      }).catch((e) => e);
      expect(error).toBeInstanceOf(LocalStackError);
      expect(error.message).toBe(
        `Port ${port} (for DynamoDB Local) is already in use. Is another \`pnpm dev\` running? Stop it, or find the program with \`lsof -i :${port}\`, then try again.`,
      );
    } finally {
      blocker.close();
    }
  });

  it('says how to install Java when it is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const error = await startLocalStack({ appOrigin: 'http://localhost:3999' }).catch((e) => e);
      expect(error).toBeInstanceOf(LocalStackError);
      expect(error.message).toMatch(
        /DynamoDB Local needs Java 17 or newer .* apt-get install -y openjdk-17-jre-headless/,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});
