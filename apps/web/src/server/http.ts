import 'server-only';
import { randomUUID } from 'node:crypto';
import {
  type ApiErrorBody,
  type ErrorCode,
  errorStatus,
  type FieldIssue,
  toFieldIssues,
} from '@telehealth/contracts';
import type { z } from 'zod';
import { serverEnv } from './env';
import { log } from './log';

/** An error the client may see: its code picks the status, its message is shown to the user. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: FieldIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}

export interface RequestContext {
  requestId: string;
  /** Client address as seen through the trusted proxies; used for rate limits and audit only. */
  ip: string;
  now: Date;
}

const DEFAULT_MAX_JSON_BYTES = 16 * 1024;

/** Client IP: the entry that the last trusted proxy appended to X-Forwarded-For. */
export function clientIp(headers: Headers, trustedHops: number): string {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (trustedHops === 0 || forwarded.length === 0) {
    // Every such request shares one rate-limit bucket: a proxy that drops the header must be noticed.
    log.warn('request.no_client_ip', { hops: trustedHops });
    return 'unknown';
  }
  return forwarded[Math.max(0, forwarded.length - trustedHops)] ?? 'unknown';
}

export function errorResponse(error: ApiError, requestId: string): Response {
  const body: ApiErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.extra.issues ? { issues: error.extra.issues } : {}),
    },
  };
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (error.extra.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(error.extra.retryAfterSeconds);
  return Response.json(body, { status: errorStatus[error.code], headers });
}

/**
 * Wraps a route handler: request id, client IP, one error shape, and a log line per failure that
 * carries the request id but never the request body.
 */
export function route(
  name: string,
  handler: (request: Request, context: RequestContext) => Promise<Response>,
) {
  return async (request: Request): Promise<Response> => {
    const requestId = randomUUID();
    const started = performance.now();
    try {
      const context: RequestContext = {
        requestId,
        ip: clientIp(request.headers, serverEnv().TRUSTED_PROXY_HOPS),
        now: new Date(),
      };
      const response = await handler(request, context);
      response.headers.set('x-request-id', requestId);
      return response;
    } catch (error) {
      if (error instanceof ApiError) {
        log.info('request.refused', { route: name, requestId, code: error.code });
        return errorResponse(error, requestId);
      }
      log.error('request.failed', {
        route: name,
        requestId,
        errorName: error instanceof Error ? error.name : typeof error,
        ms: Math.round(performance.now() - started),
      });
      return errorResponse(
        new ApiError(
          'internal_error',
          `Something went wrong on our side. Please try again. (Reference ${requestId})`,
        ),
        requestId,
      );
    }
  };
}

/** Reads the body as text, stopping with 413 as soon as it passes `maxBytes` (chunked bodies too). */
async function readTextWithin(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ApiError('payload_too_large', 'The request body is too large.');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON body (16 KiB unless `maxBytes` says otherwise) and parses it with a contract; 400/413/415 otherwise. */
export async function parseJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
  { maxBytes = DEFAULT_MAX_JSON_BYTES } = {},
): Promise<z.output<T>> {
  if (!request.headers.get('content-type')?.toLowerCase().startsWith('application/json')) {
    throw new ApiError('unsupported_media_type', 'Send the request body as application/json.');
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new ApiError('payload_too_large', 'The request body is too large.');
  const text = await readTextWithin(request, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError('validation_failed', 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new ApiError('validation_failed', 'Some fields need your attention.', {
      issues: toFieldIssues(result.error),
    });
  }
  return result.data;
}
