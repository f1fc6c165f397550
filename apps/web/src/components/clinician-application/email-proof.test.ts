import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkProof, forgetProof, sendCode } from './email-proof';

afterEach(() => {
  vi.unstubAllGlobals();
});

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetch = vi.fn().mockResolvedValue(Response.json(body, { status, headers }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

// A proof lasts 12 hours from when the code was confirmed.
const proof = {
  status: 'verified',
  email: 'maria@example.com',
  expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
};

describe('checkProof', () => {
  it('reads the proven email from the session endpoint with a GET', async () => {
    const fetch = answer(200, proof);
    expect(await checkProof()).toEqual({ proof });
    expect(fetch).toHaveBeenCalledWith(
      '/api/clinician/email/session',
      expect.objectContaining({ method: 'GET', cache: 'no-store', credentials: 'same-origin' }),
    );
  });

  it('treats 401 as no proof, and says when the service could not be reached', async () => {
    answer(401, { error: { code: 'unauthenticated', message: 'Confirm your email address to continue.' } });
    expect(await checkProof()).toEqual({ proof: null });
    answer(503, { error: { code: 'service_unavailable', message: 'Busy.' } }, { 'retry-after': '7' });
    expect(await checkProof()).toEqual({
      proof: null,
      notice: 'We could not reach our service. Your details are kept; try again in 7 seconds.',
    });
  });
});

describe('sendCode', () => {
  it('posts the email and counts down the wait the server gives (it grows with each send)', async () => {
    const fetch = answer(202, { status: 'code_sent', resendAfterSeconds: 120 });
    expect(await sendCode('maria@example.com')).toEqual({ kind: 'sent', cooldownSeconds: 120 });
    expect(fetch.mock.calls[0]?.[1]?.body).toBe(JSON.stringify({ email: 'maria@example.com' }));
  });

  it('passes on the backoff: the server message when it says when, with its Retry-After', async () => {
    answer(
      429,
      {
        error: {
          code: 'rate_limited',
          message: 'We sent a code to this address a moment ago. You can ask for another in 2 minutes.',
        },
      },
      { 'retry-after': '120' },
    );
    expect(await sendCode('maria@example.com')).toEqual({
      kind: 'rate_limited',
      message: 'We sent a code to this address a moment ago. You can ask for another in 2 minutes.',
      seconds: 120,
    });
    answer(
      429,
      { error: { code: 'rate_limited', message: 'Too many codes were requested from this network.' } },
      { 'retry-after': '900' },
    );
    expect(await sendCode('maria@example.com')).toMatchObject({
      message: 'Too many codes were requested from this network. You can try again in 15 minutes.',
    });
  });

  it('puts validation issues on the field, and says to try again when the service is down', async () => {
    answer(400, {
      error: {
        code: 'validation_failed',
        message: 'Check the highlighted fields.',
        issues: [{ path: 'email', message: 'Enter a valid email address, like name@example.com.' }],
      },
    });
    expect(await sendCode('maria@')).toEqual({
      kind: 'invalid',
      errors: { email: 'Enter a valid email address, like name@example.com.' },
    });
    answer(503, { error: { code: 'service_unavailable', message: 'Busy.' } }, { 'retry-after': '5' });
    expect(await sendCode('maria@example.com')).toEqual({
      kind: 'failed',
      message: 'We could not reach our service. Your details are kept; try again in 5 seconds.',
    });
  });
});

describe('forgetProof', () => {
  it('expires the proof cookie with a DELETE of the session, and says when it could not', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetch);
    expect(await forgetProof()).toBe(true);
    expect(fetch).toHaveBeenCalledWith(
      '/api/clinician/email/session',
      expect.objectContaining({ method: 'DELETE', credentials: 'same-origin', keepalive: true }),
    );
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    expect(await forgetProof()).toBe(false);
    answer(503, { error: { code: 'service_unavailable', message: 'Busy.' } });
    expect(await forgetProof()).toBe(false);
  });
});
