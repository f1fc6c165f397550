import { signupInput } from '@telehealth/contracts/fixtures';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  describeFailure,
  forgetApplicantSession,
  getApplicantSession,
  requestSignupCode,
  unreachable,
  verifySignupCode,
} from './client';
import { request } from './request';
import { decideApplication, documentLink } from './review';

afterEach(() => {
  vi.unstubAllGlobals();
});

const signup = signupInput();

function answer(body: unknown, init: ResponseInit = {}) {
  return vi.fn().mockResolvedValue(body === undefined ? new Response(null, init) : Response.json(body, init));
}

describe('the API client', () => {
  it('parses a successful answer with the contract', async () => {
    vi.stubGlobal('fetch', answer({ status: 'code_sent', resendAfterSeconds: 60 }, { status: 202 }));
    expect(await requestSignupCode(signup)).toEqual({
      kind: 'ok',
      status: 202,
      data: { status: 'code_sent', resendAfterSeconds: 60 },
    });
  });

  it('treats a 2xx body that breaks the contract as a failure, not a success', async () => {
    vi.stubGlobal('fetch', answer({ status: 'maybe' }, { status: 200 }));
    const result = await verifySignupCode({ email: 'ada@example.com', code: '123456' });
    expect(result).toEqual({ kind: 'error', status: 200, error: undefined, retryAfterSeconds: undefined });
    expect(describeFailure(result)).toBe('Something went wrong on our side; please try again.');
  });

  it('parses the portal review answers too: a document link without its URL is not a link', async () => {
    vi.stubGlobal('fetch', answer({ expiresInSeconds: 60, disposition: 'inline' }, { status: 200 }));
    expect((await documentLink('3f1c6f0e-0000-4000-8000-000000000000', 0)).kind).toBe('error');
    vi.stubGlobal('fetch', answer({ status: 'APPROVED' }, { status: 200 }));
    expect(
      (await decideApplication('3f1c6f0e-0000-4000-8000-000000000000', { action: 'approve' })).kind,
    ).toBe('error');
  });

  it('reads the error shape and Retry-After', async () => {
    const error = { code: 'rate_limited', message: 'Too many codes.' };
    vi.stubGlobal('fetch', answer({ error }, { status: 429, headers: { 'retry-after': '42' } }));
    const result = await requestSignupCode(signup);
    expect(result).toEqual({ kind: 'error', status: 429, error, retryAfterSeconds: 42 });
    expect(describeFailure(result)).toBe('Too many codes. You can try again in 42 seconds.');
  });

  it('sends GET and DELETE without a body, and takes a 204 as success', async () => {
    const fetch = answer(undefined, { status: 204 });
    vi.stubGlobal('fetch', fetch);
    expect(await forgetApplicantSession()).toEqual({ kind: 'ok', status: 204, data: undefined });
    expect(fetch).toHaveBeenCalledWith(
      '/api/clinician/email/session',
      expect.objectContaining({ method: 'DELETE', keepalive: true }),
    );
    expect(fetch.mock.calls[0]?.[1]).not.toHaveProperty('body');
  });

  it('returns the proven email of the applicant session', async () => {
    const proof = { status: 'verified', email: 'dr@example.com', expiresAt: '2026-01-01T00:00:00.000Z' };
    vi.stubGlobal('fetch', answer(proof));
    expect(await getApplicantSession()).toEqual({ kind: 'ok', status: 200, data: proof });
  });
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

describe('unreachable service', () => {
  it('stops waiting after its timeout and says so, instead of spinning', async () => {
    vi.stubGlobal('fetch', hangingFetch());
    const result = await request('/api/patient/provisional', { method: 'POST', body: {}, timeoutMs: 50 });
    expect(result).toEqual({ kind: 'network', reason: 'timeout' });
    expect(describeFailure(result, { detailsKept: true })).toBe(
      'We did not hear back from our service in time. Your details are kept; please try again.',
    );
  });

  it('tells a failed connection apart from a timeout', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const result = await requestSignupCode(signup);
    expect(result).toEqual({ kind: 'network', reason: 'offline' });
    expect(describeFailure(result, { detailsKept: true })).toMatch(/check your internet connection/i);
  });

  it('turns a 503 with Retry-After into "try again in N seconds"', async () => {
    const body = {
      error: { code: 'service_unavailable', message: 'We could not complete this request in time.' },
    };
    vi.stubGlobal('fetch', answer(body, { status: 503, headers: { 'retry-after': '5' } }));
    const result = await requestSignupCode(signup);
    expect(unreachable(result)).toEqual({ kind: 'unavailable', seconds: 5 });
    expect(describeFailure(result, { detailsKept: true })).toBe(
      'We could not reach our service. Your details are kept; try again in 5 seconds.',
    );
  });

  it('leaves answers the person must act on (400, 429) to the form', async () => {
    for (const status of [400, 429]) {
      vi.stubGlobal('fetch', answer({ error: { code: 'rate_limited', message: 'Slow down.' } }, { status }));
      expect(
        unreachable(await verifySignupCode({ email: 'ada@example.com', code: '123456' })),
      ).toBeUndefined();
    }
  });
});

describe('describeFailure', () => {
  const error = (status: number, body?: { code: 'validation_failed' | 'internal_error'; message: string }) =>
    ({ kind: 'error', status, error: body, retryAfterSeconds: undefined }) as const;

  it('says what the server said when it refused the request', () => {
    expect(
      describeFailure(error(400, { code: 'validation_failed', message: 'Please check your details.' })),
    ).toBe('Please check your details.');
  });

  it('says when to try again when the service is busy, and whether the details are kept', () => {
    const busy = { kind: 'error', status: 503, error: undefined, retryAfterSeconds: 5 } as const;
    expect(describeFailure(busy)).toBe('We could not reach our service. Try again in 5 seconds.');
    expect(describeFailure(busy, { detailsKept: true })).toBe(
      'We could not reach our service. Your details are kept; try again in 5 seconds.',
    );
  });

  it('tells offline from timeout', () => {
    expect(describeFailure({ kind: 'network', reason: 'offline' })).toMatch(
      /check your internet connection/i,
    );
    expect(describeFailure({ kind: 'network', reason: 'timeout' }, { detailsKept: true })).toBe(
      'We did not hear back from our service in time. Your details are kept; please try again.',
    );
  });

  it('never shows a 5xx body to the person', () => {
    expect(
      describeFailure(error(500, { code: 'internal_error', message: 'stack trace' }), { detailsKept: true }),
    ).toBe('Something went wrong on our side; your details were not lost, please try again.');
  });
});
