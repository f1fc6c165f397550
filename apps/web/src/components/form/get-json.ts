import { isApiErrorBody } from '@telehealth/contracts';
import { type ApiResult, parseRetryAfter, REQUEST_TIMEOUT_MS } from './api';

/**
 * GETs JSON with the same rules as `postJson` (never throws; network failures, timeouts and non-JSON
 * bodies become results; never cached). Its own copy rather than a shared core in ./api, so the
 * landing page, which only POSTs, carries none of it: the landing page's JavaScript must not grow.
 */
export async function getJson(
  url: string,
  { timeoutMs = REQUEST_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<ApiResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'GET',
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch {
      return { kind: 'network', reason: controller.signal.aborted ? 'timeout' : 'offline' };
    }
    const parsed: unknown = await response.json().catch(() => undefined);
    if (response.ok) return { kind: 'ok', status: response.status, body: parsed };
    return {
      kind: 'error',
      status: response.status,
      error: isApiErrorBody(parsed) ? parsed.error : undefined,
      retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    };
  } finally {
    clearTimeout(timer);
  }
}
