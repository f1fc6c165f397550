import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GET as unknownApiGET } from '@/app/api/[...path]/route';
import { ApiError, parseJsonBody, route } from './http';

// A short budget, so a handler that never finishes is cut quickly (read once, on first use).
process.env.REQUEST_BUDGET_MS = '1000';
afterAll(() => {
  delete process.env.REQUEST_BUDGET_MS;
});

function chunkedRequest(totalBytes: number): Request {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const chunk = new Uint8Array(Math.min(4096, totalBytes - sent)).fill(0x20);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  // No content-length: the size is known only while reading.
  return new Request('http://localhost/api', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit);
}

describe('request parsing', () => {
  it('stops reading a chunked body past the limit with 413', async () => {
    const error = await parseJsonBody(chunkedRequest(64 * 1024), z.object({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('payload_too_large');
  });

  it('answers 400, not 503, when the client hangs up before its body arrives', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"email":'));
        controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
    const request = new Request('http://localhost/api', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    const response = await route('test.unceiled', 'public', async (r) => {
      await parseJsonBody(r, z.object({}));
      return Response.json({});
    })(request);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/did not arrive in full/);
  });

  it('refuses a body that is not JSON by its content type with 415', async () => {
    const request = new Request('http://localhost/api', { method: 'POST', body: 'a=1' });
    const error = await parseJsonBody(request, z.object({})).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('unsupported_media_type');
  });
});

/** A failure as the AWS SDK reports it: a name, sometimes a code or HTTP metadata. */
function awsError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error('from a dependency'), { name }, extra);
}

const call = (handler: () => Promise<Response>) =>
  route('test.unceiled', 'public', handler)(new Request('http://localhost/api', { method: 'POST' }));

describe('route() when a dependency fails', () => {
  it.each([
    ['a request timeout', awsError('TimeoutError')],
    ['an abort at the deadline', awsError('AbortError')],
    [
      'DynamoDB throttling',
      awsError('ProvisionedThroughputExceededException', { $metadata: { httpStatusCode: 400 } }),
    ],
    ['a 5xx from AWS', awsError('InternalServerError', { $metadata: { httpStatusCode: 500 } })],
    ['a refused connection', awsError('Error', { code: 'ECONNREFUSED' })],
    [
      'a transaction cancelled by throttling',
      awsError('TransactionCanceledException', {
        CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }],
      }),
    ],
  ])('answers 503 with Retry-After for %s', async (_, error) => {
    const response = await call(() => Promise.reject(error));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      error: {
        code: 'service_unavailable',
        message: 'We could not complete this request in time. Please try again in a few seconds.',
      },
    });
  });

  it('answers 500 for a bug, with a reference and no detail', async () => {
    const response = await call(() => Promise.reject(new TypeError('x is undefined')));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).not.toContain('x is undefined');
    expect(body.error.message).toContain(response.headers.get('x-request-id'));
  });

  it('answers 503 once the budget and the clean-up grace are spent, even if the handler never settles', async () => {
    const started = Date.now();
    const response = await call(() => new Promise<Response>(() => {}));
    const elapsed = Date.now() - started;
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    // Budget 1 s + 2 s for clean-up; Amplify would cut at 30 s without an answer.
    expect(elapsed).toBeGreaterThanOrEqual(2_900);
    expect(elapsed).toBeLessThan(4_500);
  });
});

describe('unknown API paths', () => {
  it('answer 404 in the one error shape', async () => {
    const response = unknownApiGET();
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'There is no API endpoint at this address.' },
    });
  });
});
