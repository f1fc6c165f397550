import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GET as unknownApiGET } from '@/app/api/[...path]/route';
import { ApiError, clientIp, parseJsonBody } from './http';

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

  it('refuses a body that is not JSON by its content type with 415', async () => {
    const request = new Request('http://localhost/api', { method: 'POST', body: 'a=1' });
    const error = await parseJsonBody(request, z.object({})).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('unsupported_media_type');
  });

  it('reads the client address the last trusted proxy appended', () => {
    const headers = new Headers({ 'x-forwarded-for': '203.0.113.9, 198.51.100.7' });
    expect(clientIp(headers, 1)).toBe('198.51.100.7');
    expect(clientIp(headers, 2)).toBe('203.0.113.9');
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
