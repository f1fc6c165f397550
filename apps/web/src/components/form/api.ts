import { type ApiErrorBody, isApiErrorBody } from '@telehealth/contracts';
import { formatWait } from './time';

export type ApiResult =
  | { kind: 'ok'; status: number; body: unknown }
  | {
      kind: 'error';
      status: number;
      /** Undefined when the body is not the API error shape (e.g. a proxy's HTML error page). */
      error: ApiErrorBody['error'] | undefined;
      retryAfterSeconds: number | undefined;
    }
  /** No answer: the connection failed (`offline`) or nothing came back in time (`timeout`). */
  | { kind: 'network'; reason: 'offline' | 'timeout' };

/**
 * How long the browser waits for an answer. The server answers within about 10 s even when a
 * dependency hangs (its budget is 8 s), so this only fires when the network itself stalls.
 */
export const REQUEST_TIMEOUT_MS = 15_000;

/** POSTs JSON and never throws: network failures, timeouts and non-JSON bodies become results. */
export async function postJson(
  url: string,
  body: unknown,
  { timeoutMs = REQUEST_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<ApiResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
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

/** Seconds to suggest when the service is unavailable and gave no Retry-After. */
const DEFAULT_UNAVAILABLE_WAIT_SECONDS = 10;

export type Unreachable =
  | { kind: 'unavailable'; seconds: number }
  | { kind: 'timeout' }
  | { kind: 'offline' };

/**
 * Whether the service could not be reached or did not finish in time (503/502/504, a timeout, no
 * network): the person should simply try again, and the form should say so.
 */
export function unreachable(result: ApiResult): Unreachable | undefined {
  if (result.kind === 'network') return { kind: result.reason };
  if (result.kind === 'error' && [502, 503, 504].includes(result.status)) {
    return { kind: 'unavailable', seconds: result.retryAfterSeconds ?? DEFAULT_UNAVAILABLE_WAIT_SECONDS };
  }
  return undefined;
}

/** The message for a form whose entries stay on the page, e.g. the signup details. */
export function detailsKeptMessage(problem: Unreachable): string {
  switch (problem.kind) {
    case 'unavailable':
      return `We could not reach our service. Your details are kept; try again in ${formatWait(problem.seconds)}.`;
    case 'timeout':
      return 'We did not hear back from our service in time. Your details are kept; please try again.';
    case 'offline':
      return 'We could not reach our service. Check your internet connection; your details are kept. Please try again.';
  }
}

/** `Retry-After` is either delta-seconds or an HTTP date; returns whole seconds from now. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

export const somethingWentWrong =
  'Something went wrong on our side; your details were not lost, please try again.';
