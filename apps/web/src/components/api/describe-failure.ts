import { formatWait, rateLimitedMessage } from '../form/time';
import type { ApiResult } from './request';

/** Seconds to suggest when the service is unavailable and gave no Retry-After. */
export const DEFAULT_UNAVAILABLE_WAIT_SECONDS = 10;
/** Seconds to suggest after a 429 without Retry-After. */
export const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 60;

/** Any call's result; only its failure matters here. */
type AnyResult = { kind: 'ok' } | Exclude<ApiResult<unknown>, { kind: 'ok' }>;

export type Unreachable =
  | { kind: 'unavailable'; seconds: number }
  | { kind: 'timeout' }
  | { kind: 'offline' };

/**
 * Whether the service could not be reached or did not finish in time (503/502/504, a timeout, no
 * network): the person should simply try again, and the form should say so.
 */
export function unreachable(result: AnyResult): Unreachable | undefined {
  if (result.kind === 'network') return { kind: result.reason };
  if (result.kind === 'error' && [502, 503, 504].includes(result.status)) {
    return { kind: 'unavailable', seconds: result.retryAfterSeconds ?? DEFAULT_UNAVAILABLE_WAIT_SECONDS };
  }
  return undefined;
}

export interface DescribeFailureOptions {
  /** The form keeps what the person typed (the signup details, an application): say so. */
  detailsKept?: boolean;
}

function unreachableMessage(problem: Unreachable, detailsKept: boolean): string {
  switch (problem.kind) {
    case 'unavailable':
      return detailsKept
        ? `We could not reach our service. Your details are kept; try again in ${formatWait(problem.seconds)}.`
        : `We could not reach our service. Try again in ${formatWait(problem.seconds)}.`;
    case 'timeout':
      return detailsKept
        ? 'We did not hear back from our service in time. Your details are kept; please try again.'
        : 'We did not hear back from our service in time. Please try again.';
    case 'offline':
      return detailsKept
        ? 'We could not reach our service. Check your internet connection; your details are kept. Please try again.'
        : 'We could not reach our service. Check your internet connection and try again.';
  }
}

export const SOMETHING_WENT_WRONG = 'Something went wrong on our side; please try again.';
export const SOMETHING_WENT_WRONG_DETAILS_KEPT =
  'Something went wrong on our side; your details were not lost, please try again.';

/**
 * The one sentence to show for a call that did not succeed: rate limited (when to try again),
 * refused (the server's own message, e.g. a validation summary), busy or unreachable (when to try
 * again), or something else on our side. Field issues of a 400 are the caller's to place inline.
 */
export function describeFailure(result: AnyResult, options: DescribeFailureOptions = {}): string {
  const detailsKept = options.detailsKept ?? false;
  const problem = unreachable(result);
  if (problem) return unreachableMessage(problem, detailsKept);
  if (result.kind === 'error' && result.status === 429) {
    return rateLimitedMessage(
      result.error?.message,
      result.retryAfterSeconds ?? DEFAULT_RATE_LIMIT_WAIT_SECONDS,
    );
  }
  if (result.kind === 'error' && result.status < 500 && result.error) return result.error.message;
  return detailsKept ? SOMETHING_WENT_WRONG_DETAILS_KEPT : SOMETHING_WENT_WRONG;
}
