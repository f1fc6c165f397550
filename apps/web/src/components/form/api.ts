import { type ApiErrorBody, isApiErrorBody } from '@telehealth/contracts';

export type ApiResult =
  | { kind: 'ok'; status: number; body: unknown }
  | {
      kind: 'error';
      status: number;
      /** Undefined when the body is not the API error shape (e.g. a proxy's HTML error page). */
      error: ApiErrorBody['error'] | undefined;
      retryAfterSeconds: number | undefined;
    }
  | { kind: 'network' };

/** POSTs JSON and never throws: network failures and non-JSON bodies become results. */
export async function postJson(url: string, body: unknown): Promise<ApiResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { kind: 'network' };
  }
  const parsed: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { kind: 'ok', status: response.status, body: parsed };
  return {
    kind: 'error',
    status: response.status,
    error: isApiErrorBody(parsed) ? parsed.error : undefined,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
  };
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
