/**
 * @deprecated Use `../api/client` (one typed function per endpoint, `describeFailure()`). This
 * module keeps the old untyped helpers working, on top of the new client, until the clinician
 * application form (components/clinician-application) has moved over; then it goes.
 */
import {
  detailsKeptMessage,
  SOMETHING_WENT_WRONG_DETAILS_KEPT,
  type Unreachable,
  unreachable,
} from '../api/describe-failure';
import {
  parseRetryAfter,
  REQUEST_TIMEOUT_MS,
  request,
  type ApiResult as TypedApiResult,
} from '../api/request';

export { detailsKeptMessage, parseRetryAfter, REQUEST_TIMEOUT_MS, type Unreachable, unreachable };

/** The old result shape: an unparsed `body` instead of the typed `data`. */
export type ApiResult =
  | { kind: 'ok'; status: number; body: unknown }
  | Exclude<TypedApiResult<unknown>, { kind: 'ok' }>;

export function toLegacyResult(result: TypedApiResult<unknown>): ApiResult {
  return result.kind === 'ok' ? { kind: 'ok', status: result.status, body: result.data } : result;
}

/** POSTs JSON and never throws: network failures, timeouts and non-JSON bodies become results. */
export async function postJson(
  url: string,
  body: unknown,
  { timeoutMs = REQUEST_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<ApiResult> {
  return toLegacyResult(await request(url, { method: 'POST', body, timeoutMs }));
}

export const somethingWentWrong = SOMETHING_WENT_WRONG_DETAILS_KEPT;
