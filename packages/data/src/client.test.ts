import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from './client';

/** An endpoint that accepts every request and never answers, like a frozen DynamoDB. */
let silent: Server;
let endpoint: string;
let received = 0;

beforeAll(async () => {
  silent = createServer(() => {
    received += 1;
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});
afterAll(() => {
  silent.closeAllConnections();
  silent.close();
});

const credentials = { accessKeyId: 'TEST', secretAccessKey: 'TEST' };
const get = new GetCommand({ TableName: 't', Key: { key: 'k' } });

function client(limits: Parameters<typeof createDocumentClient>[0]['limits']) {
  const db = createDocumentClient({ region: 'us-east-1', endpoint, limits });
  db.config.credentials = async () => credentials;
  return db;
}

async function timed(promise: Promise<unknown>): Promise<{ error: Error; ms: number }> {
  const started = Date.now();
  const error = (await promise.then(
    () => new Error('answered'),
    (e: Error) => e,
  )) as Error;
  return { error, ms: Date.now() - started };
}

describe('AWS calls have deadlines', () => {
  it('give up on a silent endpoint after the request timeout, retrying once', async () => {
    received = 0;
    const { error, ms } = await timed(client({ requestTimeoutMs: 300, maxAttempts: 2 }).send(get));
    expect(error.name).toBe('TimeoutError');
    expect(received).toBe(2);
    // Two attempts of 300 ms plus the standard mode's short backoff; without a timeout it never ends.
    expect(ms).toBeGreaterThanOrEqual(600);
    expect(ms).toBeLessThan(2_000);
  });

  it("stop at the caller's deadline, with no retry after it", async () => {
    received = 0;
    const deadline = AbortSignal.timeout(250);
    const db = client({ requestTimeoutMs: 5_000, deadline: () => deadline });
    const { error, ms } = await timed(db.send(get));
    expect(error.name).toBe('AbortError');
    expect(received).toBe(1);
    expect(ms).toBeLessThan(1_000);
  });

  it('open enough sockets for a busy server: 80 calls at once all reach the endpoint', async () => {
    received = 0;
    // The endpoint never answers and no call times out while we watch, so a call reaches it only if
    // it gets a socket of its own: with the SDK's default pool (50), 30 would wait for the whole time.
    const db = client({ requestTimeoutMs: 20_000, maxAttempts: 1 });
    const calls = Array.from({ length: 80 }, () => db.send(get).catch(() => undefined));
    // Poll rather than sleep a fixed time: a busy machine may take a while to open 80 connections.
    for (let waited = 0; received < 80 && waited < 8_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(received).toBe(80);
    // Ends the waiting calls (their sockets close) instead of waiting out their timeout.
    db.destroy();
    silent.closeAllConnections();
    await Promise.all(calls);
  }, 15_000);
});
