import { afterEach, describe, expect, it, vi } from 'vitest';
import { detailsKeptMessage, postJson, unreachable } from './api';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A fetch that never answers, like a stalled connection; it stops only when aborted. */
function hangingFetch() {
  return vi.fn(
    (_url: string, init: RequestInit) =>
      new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () =>
          reject(new DOMException('The operation was aborted.', 'AbortError')),
        );
      }),
  );
}

describe('postJson', () => {
  it('stops waiting after its timeout and says so, instead of spinning', async () => {
    vi.stubGlobal('fetch', hangingFetch());
    const result = await postJson('/api/patient/provisional', {}, { timeoutMs: 50 });
    expect(result).toEqual({ kind: 'network', reason: 'timeout' });
    const problem = unreachable(result);
    expect(problem && detailsKeptMessage(problem)).toBe(
      'We did not hear back from our service in time. Your details are kept; please try again.',
    );
  });

  it('tells a failed connection apart from a timeout', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const result = await postJson('/api/patient/provisional', {});
    expect(result).toEqual({ kind: 'network', reason: 'offline' });
    const problem = unreachable(result);
    expect(problem && detailsKeptMessage(problem)).toMatch(/check your internet connection/i);
  });

  it('turns a 503 with Retry-After into "try again in N seconds"', async () => {
    const body = {
      error: { code: 'service_unavailable', message: 'We could not complete this request in time.' },
    };
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(Response.json(body, { status: 503, headers: { 'retry-after': '5' } })),
    );
    const result = await postJson('/api/patient/provisional', {});
    const problem = unreachable(result);
    expect(problem).toEqual({ kind: 'unavailable', seconds: 5 });
    expect(problem && detailsKeptMessage(problem)).toBe(
      'We could not reach our service. Your details are kept; try again in 5 seconds.',
    );
  });

  it('leaves answers the person must act on (400, 429) to the form', async () => {
    for (const status of [400, 429]) {
      vi.stubGlobal(
        'fetch',
        vi
          .fn()
          .mockResolvedValue(
            Response.json({ error: { code: 'rate_limited', message: 'Slow down.' } }, { status }),
          ),
      );
      expect(unreachable(await postJson('/api/patient/verify', {}))).toBeUndefined();
    }
  });
});
