import { type ApiErrorBody, isApiErrorBody } from '@telehealth/contracts/client';

type ResponseSchemas = typeof import('@telehealth/contracts/response-schemas');

/** What every API call answers; it never throws. */
export type ApiResult<T> =
  | { kind: 'ok'; status: number; data: T }
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

/** A response schema, as far as the client needs one (zod and zod/mini schemas both fit). */
export interface ResponseSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

export interface RequestOptions<T> {
  method: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  /**
   * Picks the contract's schema for a 2xx body, e.g. `(s) => s.verifiedEmailSchema`; a body that does
   * not match is reported as an error without a body. Without it the body is returned unparsed.
   */
  schema?: (schemas: ResponseSchemas) => ResponseSchema<T>;
  timeoutMs?: number;
  /** Let the request finish when the page moves on right after it (e.g. a DELETE before navigating). */
  keepalive?: boolean;
}

/**
 * The response schemas (zod/mini) are loaded with the first request, not with the page: they are the
 * only validation code the browser needs, and only once it has sent something.
 */
let schemasLoading: Promise<ResponseSchemas | undefined> | undefined;
function loadSchemas(): Promise<ResponseSchemas | undefined> {
  schemasLoading ??= import('@telehealth/contracts/response-schemas').catch(() => {
    schemasLoading = undefined; // try again next time
    return undefined;
  });
  return schemasLoading;
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

function errorOf(schemas: ResponseSchemas | undefined, body: unknown): ApiErrorBody['error'] | undefined {
  const parsed = schemas?.apiErrorBodySchema.safeParse(body);
  if (parsed?.success) return parsed.data.error;
  // An error code this build does not know yet still carries a message worth showing.
  return isApiErrorBody(body) ? body.error : undefined;
}

/**
 * One request to our API, same origin, never cached. Network failures, timeouts, non-JSON bodies and
 * bodies that do not match the response schema become results.
 */
export async function request<T>(url: string, options: RequestOptions<T>): Promise<ApiResult<T>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? REQUEST_TIMEOUT_MS);
  const schemasReady = loadSchemas();
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: options.method,
        headers:
          options.body === undefined
            ? { accept: 'application/json' }
            : { 'content-type': 'application/json', accept: 'application/json' },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        credentials: 'same-origin',
        cache: 'no-store',
        ...(options.keepalive ? { keepalive: true } : {}),
        signal: controller.signal,
      });
    } catch {
      return { kind: 'network', reason: controller.signal.aborted ? 'timeout' : 'offline' };
    }
    const parsed: unknown =
      response.status === 204 ? undefined : await response.json().catch(() => undefined);
    // If the schemas could not be loaded (the connection dropped just then), the answer is still used:
    // error bodies are read by shape, and a 2xx body is taken as the server sent it.
    const schemas = await schemasReady;
    if (response.ok) {
      if (!options.schema || !schemas) return { kind: 'ok', status: response.status, data: parsed as T };
      const data = options.schema(schemas).safeParse(parsed);
      if (data.success) return { kind: 'ok', status: response.status, data: data.data };
      return { kind: 'error', status: response.status, error: undefined, retryAfterSeconds: undefined };
    }
    return {
      kind: 'error',
      status: response.status,
      error: errorOf(schemas, parsed),
      retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    };
  } finally {
    clearTimeout(timer);
  }
}
