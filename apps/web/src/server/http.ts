import 'server-only';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import {
  type ApiErrorBody,
  type ErrorCode,
  errorStatus,
  type FieldIssue,
  type StaffRole,
  toFieldIssues,
} from '@telehealth/contracts';
import { RateLimitRepository } from '@telehealth/data';
import type { z } from 'zod';
import { dynamoDocumentClient, withAwsDeadline } from './aws';
import { type ClientIpSource, clientIpSources, serverEnv } from './env';
import { log } from './log';
import { staffActorOf } from './staff/session';

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

/** A signed-in staff user, from a session that is still valid (version, idle and absolute limits). */
export interface StaffActor {
  userId: string;
  role: StaffRole;
}

/**
 * Who is calling: `public` on anonymous routes, the signed-in staff user on staff routes (from the
 * request's session, never from the body); `system` for work the server starts itself (bootstrap).
 */
export type Actor = 'public' | 'system' | StaffActor;

/** Who may call a route: anyone, or signed-in staff with one of these roles. Every route says it. */
export type Access = 'public' | readonly StaffRole[];

/** How the audit trail names an actor: `public` or `staff#<userId>`. */
export function auditActor(actor: Actor): string {
  return typeof actor === 'string' ? actor : `staff#${actor.userId}`;
}

/** The staff actor of a staff route (route() admitted them); 401 should a public context get here. */
export function staffActor(context: { actor: Actor }): StaffActor {
  if (typeof context.actor === 'string')
    throw new ApiError('unauthenticated', 'Sign in to the portal to do this.');
  return context.actor;
}

export interface RequestContext<Params extends Record<string, string> = Record<string, string>> {
  requestId: string;
  /** The actor every audit event of this request names: from the request, never from the body. */
  actor: Actor;
  /** The route's dynamic segments (`[userId]` → `params.userId`), as Next.js passes them. */
  params: Params;
  /** Client address as seen through the trusted proxies; used for rate limits and audit only. */
  ip: string;
  now: Date;
}

const DEFAULT_MAX_JSON_BYTES = 16 * 1024;

// ---------------------------------------------------------------------------------------------
// Client address

export interface ClientIpSetting {
  source: ClientIpSource;
  /** With `x-forwarded-for`: the client is the Nth entry from the right. */
  trustedProxyHops: number;
}

/**
 * The canonical text of an IP address (lower-case, shortest IPv6 form, IPv4-mapped IPv6 as IPv4),
 * so one client is one rate-limit subject; undefined for anything that is not an address.
 */
export function canonicalIp(value: string): string | undefined {
  const version = isIP(value);
  if (version === 4) return value;
  if (version !== 6) return undefined;
  // The URL parser serialises IPv6 in its canonical form (RFC 5952), embedded IPv4 as hex.
  const canonical = new URL(`http://[${value}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const [high, low] = [Number.parseInt(mapped[1] ?? '', 16), Number.parseInt(mapped[2] ?? '', 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** `203.0.113.9`, `203.0.113.9:443` or `[2001:db8::1]:443` → the address. */
function addressOfEntry(entry: string): string | undefined {
  const withPort = /^\[([^\]]+)\]:\d{1,5}$/.exec(entry) ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(entry);
  return canonicalIp(withPort?.[1] ?? entry);
}

/**
 * CloudFront-Viewer-Address is always `address:port`, IPv6 without brackets (`2001:db8::1:443`):
 * the port is after the last colon. A bracketed form is accepted too; two values are refused.
 */
export function fromViewerAddress(value: string | null): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed || trimmed.includes(',')) return undefined;
  const match = /^\[([^\]]+)\]:\d{1,5}$/.exec(trimmed) ?? /^(.+):\d{1,5}$/.exec(trimmed);
  return match?.[1] ? canonicalIp(match[1]) : undefined;
}

/**
 * The Nth entry from the right of X-Forwarded-For: each trusted proxy appends the address it saw,
 * so the entries left of it are whatever the client sent. A shorter chain means a proxy is missing
 * or the header is forged: no entry is trusted then.
 */
export function fromForwardedFor(value: string | null, trustedProxyHops: number): string | undefined {
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (trustedProxyHops < 1 || entries.length < trustedProxyHops) return undefined;
  const entry = entries[entries.length - trustedProxyHops];
  return entry ? addressOfEntry(entry) : undefined;
}

/** The client address by the configured source, or 'unknown' (never an address the client chose). */
export function clientIp(headers: Headers, setting: ClientIpSetting): string {
  let address: string | undefined;
  if (setting.source === 'cloudfront-viewer-address') {
    address = fromViewerAddress(headers.get('cloudfront-viewer-address'));
  } else if (setting.source === 'x-forwarded-for') {
    address = fromForwardedFor(headers.get('x-forwarded-for'), setting.trustedProxyHops);
  }
  if (!address && setting.source !== 'none') {
    // Every such request shares one rate-limit bucket: a proxy that drops the header must be noticed.
    log.warn('request.no_client_ip', { source: setting.source, hops: setting.trustedProxyHops });
  }
  return address ?? 'unknown';
}

/** Headers that carry a client address somewhere; the diagnostic shows them as received. */
const addressHeaders = [
  'cloudfront-viewer-address',
  'x-forwarded-for',
  'x-real-ip',
  'forwarded',
  'true-client-ip',
  'x-amzn-remote-ip',
  'via',
] as const;
const MAX_DIAGNOSED_HOPS = 5;

/** What GET /api/diagnostics/client-address answers: the raw headers and what each setting picks. */
export function clientAddressReport(headers: Headers, setting: ClientIpSetting) {
  const forwarded = headers.get('x-forwarded-for');
  return {
    configured: {
      source: setting.source,
      trustedProxyHops: setting.trustedProxyHops,
      address: clientIp(headers, setting),
    },
    headers: Object.fromEntries(addressHeaders.map((name) => [name, headers.get(name)])),
    candidates: clientIpSources.map((source) =>
      source === 'x-forwarded-for'
        ? {
            source,
            byTrustedProxyHops: Array.from({ length: MAX_DIAGNOSED_HOPS }, (_, i) => ({
              trustedProxyHops: i + 1,
              address: fromForwardedFor(forwarded, i + 1) ?? 'unknown',
            })),
          }
        : {
            source,
            address:
              source === 'cloudfront-viewer-address'
                ? (fromViewerAddress(headers.get('cloudfront-viewer-address')) ?? 'unknown')
                : 'unknown',
          },
    ),
  };
}

/** True when `authorization: Bearer <token>` matches the configured token (constant time). */
export function presentsToken(headers: Headers, token: string | undefined): boolean {
  const presented = /^Bearer (\S+)$/i.exec(headers.get('authorization')?.trim() ?? '')?.[1];
  if (!token || !presented) return false;
  // Equal-length digests, so the comparison time says nothing about the token's length or prefix.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

// ---------------------------------------------------------------------------------------------
// Errors

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

export function notFoundError(): ApiError {
  return new ApiError('not_found', 'There is no API endpoint at this address.');
}

/** "45 seconds", "2 minutes", "3 hours": when to try again, in every 429's message. */
export function inWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  if (seconds < 90 * 60) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}

/** A 429 that says what was refused and, in figures, when to try again. */
export function rateLimited(refusal: string, retryAfterSeconds: number): ApiError {
  return new ApiError('rate_limited', `${refusal} You can try again in ${inWords(retryAfterSeconds)}.`, {
    retryAfterSeconds,
  });
}

/** How long a client should wait after a dependency timed out or was unavailable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * 503: a dependency (DynamoDB, SES, S3) did not answer in time or refused, or concurrent requests
 * kept conflicting; nothing was changed and a retry after `retryAfterSeconds` may work.
 */
export function serviceUnavailable(
  message = 'We could not complete this request in time. Please try again in a few seconds.',
  retryAfterSeconds = UNAVAILABLE_RETRY_AFTER_SECONDS,
): ApiError {
  return new ApiError('service_unavailable', message, { retryAfterSeconds });
}

const unavailableNames = new Set([
  'AbortError',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'DeadlineExceeded',
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'SlowDown',
  'ServiceUnavailable',
  'InternalServerError',
]);
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** A timeout, an abort at the deadline, throttling, a refused connection or a 5xx from AWS. */
export function isDependencyUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as Error & {
    code?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: { throttling?: boolean };
    CancellationReasons?: { Code?: string }[];
  };
  if (unavailableNames.has(e.name) || unavailableCodes.has(e.code ?? '')) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500 || e.$retryable?.throttling) return true;
  // A transaction cancelled by throttling or a concurrent transaction, not by a condition.
  return Boolean(
    e.CancellationReasons?.some((r) => r.Code === 'ThrottlingError' || r.Code === 'TransactionConflict'),
  );
}

class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

// ---------------------------------------------------------------------------------------------
// Per-route ceilings

export interface RouteCeiling {
  limit: number;
  windowSeconds: number;
}

/**
 * Requests a minute per route from all clients together, so rotating (or spoofed) addresses still
 * hit a cap. Set well above real peaks (a signup campaign is tens a minute); one UpdateItem a request.
 */
export const routeCeilings: Readonly<Record<string, RouteCeiling>> = {
  'patient.provisional': { limit: 600, windowSeconds: 60 },
  'patient.verify': { limit: 1200, windowSeconds: 60 },
  'clinician.email.code': { limit: 300, windowSeconds: 60 },
  'clinician.email.verify': { limit: 600, windowSeconds: 60 },
  'clinician.apply': { limit: 120, windowSeconds: 60 },
  'uploads.presign': { limit: 600, windowSeconds: 60 },
  'waitlist.code': { limit: 120, windowSeconds: 60 },
  'waitlist.verify': { limit: 240, windowSeconds: 60 },
  'waitlist.remove': { limit: 120, windowSeconds: 60 },
  // Each attempt costs an argon2id hash (~46 MiB, ~150 ms): the cap bounds that work for all clients.
  'staff.sign-in': { limit: 300, windowSeconds: 60 },
  'staff.invitation.accept': { limit: 60, windowSeconds: 60 },
  'staff.password': { limit: 60, windowSeconds: 60 },
};

let ceilingCounters: RateLimitRepository | undefined;

async function enforceCeiling(name: string, ceiling: RouteCeiling, now: Date): Promise<void> {
  ceilingCounters ??= new RateLimitRepository(dynamoDocumentClient(), serverEnv().tableNames.rateLimits);
  let decision: Awaited<ReturnType<RateLimitRepository['hit']>>;
  try {
    decision = await ceilingCounters.hit(`global#${name}`, ceiling.limit, ceiling.windowSeconds, now);
  } catch (error) {
    // Fails closed, like every limit.
    log.error('rate_limit.unavailable', {
      rule: `global#${name}`,
      errorName: error instanceof Error ? error.name : 'unknown',
    });
    throw serviceUnavailable();
  }
  if (!decision.allowed) {
    log.warn('route.ceiling_reached', { route: name, limit: ceiling.limit });
    throw rateLimited('We are receiving more requests than usual.', decision.retryAfterSeconds);
  }
}

// ---------------------------------------------------------------------------------------------
// Route wrapper

/** After the budget, clean-up (e.g. releasing a cooldown) may run this long before the answer goes. */
const CLEANUP_GRACE_MS = 2_000;

/** Settles with `work`, or rejects with DeadlineExceeded after `ms` (the work is left to finish). */
async function settleWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded('request budget spent')), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
    work.catch(() => {});
  }
}

export interface RouteOptions {
  /** Replaces this route's entry in `routeCeilings` (tests use a tiny one); null for none. */
  ceiling?: RouteCeiling | null;
}

/**
 * The caller, if `access` lets them in: 401 without a valid staff session, 403 with one whose role
 * is not in the list. A public route looks at no session.
 */
async function admit(access: Access, request: Request, now: Date): Promise<Actor> {
  if (access === 'public') return 'public';
  const staff = await staffActorOf(request, now);
  if (!staff) throw new ApiError('unauthenticated', 'Sign in to the portal to do this.');
  if (!access.includes(staff.role)) {
    throw new ApiError('forbidden', 'Your role does not allow this. Ask an admin if you need it.');
  }
  return staff;
}

/** What Next.js passes a route handler beside the request. */
interface SegmentData<Params> {
  params?: Promise<Params>;
}

/**
 * Wraps a route handler: who may call it (`access`, required: `'public'` or a list of staff roles),
 * request id, client IP, the route's params, the route's ceiling, a total time budget, one error
 * shape, and a log line per failure that carries the request id but never the request body.
 *
 * The budget (REQUEST_BUDGET_MS) is an AbortSignal that every AWS call made by the handler carries,
 * so a dependency that stops answering is cut and the client gets 503 with Retry-After.
 */
export function route<Params extends Record<string, string> = Record<string, string>>(
  name: string,
  access: Access,
  handler: (request: Request, context: RequestContext<Params>) => Promise<Response>,
  options: RouteOptions = {},
) {
  return async (request: Request, segment?: SegmentData<Params>): Promise<Response> => {
    const requestId = randomUUID();
    const started = performance.now();
    const budget = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      const env = serverEnv();
      timer = setTimeout(
        () => budget.abort(new DeadlineExceeded('request budget spent')),
        env.REQUEST_BUDGET_MS,
      );
      const context: RequestContext<Params> = {
        requestId,
        actor: 'public',
        params: ((await segment?.params) ?? {}) as Params,
        ip: clientIp(request.headers, {
          source: env.CLIENT_IP_SOURCE,
          trustedProxyHops: env.TRUSTED_PROXY_HOPS,
        }),
        now: new Date(),
      };
      const tableCeiling = routeCeilings[name];
      const ceiling =
        options.ceiling !== undefined
          ? options.ceiling
          : tableCeiling && {
              ...tableCeiling,
              limit: Math.max(1, Math.round(tableCeiling.limit * env.ROUTE_CEILING_SCALE)),
            };
      const work = withAwsDeadline(budget.signal, async () => {
        if (ceiling) await enforceCeiling(name, ceiling, context.now);
        context.actor = await admit(access, request, context.now);
        return handler(request, context);
      });
      const response = await settleWithin(work, env.REQUEST_BUDGET_MS + CLEANUP_GRACE_MS);
      response.headers.set('x-request-id', requestId);
      return response;
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      if (error instanceof ApiError) {
        log.info('request.refused', { route: name, requestId, code: error.code, ms });
        return errorResponse(error, requestId);
      }
      const errorName = error instanceof Error ? error.name : typeof error;
      if (budget.signal.aborted || isDependencyUnavailable(error)) {
        log.warn('request.unavailable', {
          route: name,
          requestId,
          errorName,
          ms,
          budgetSpent: budget.signal.aborted,
        });
        return errorResponse(serviceUnavailable(), requestId);
      }
      log.error('request.failed', { route: name, requestId, errorName, ms });
      return errorResponse(
        new ApiError(
          'internal_error',
          `Something went wrong on our side. Please try again. (Reference ${requestId})`,
        ),
        requestId,
      );
    } finally {
      clearTimeout(timer);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Bodies

/** Reads the body as text, stopping with 413 as soon as it passes `maxBytes` (chunked bodies too). */
async function readTextWithin(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client hung up mid-body (ECONNRESET, aborted): its fault, not a dependency outage.
      throw new ApiError('validation_failed', 'The request body did not arrive in full. Please try again.');
    }
    const { done, value } = chunk;
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
