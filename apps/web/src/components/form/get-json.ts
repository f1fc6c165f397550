/**
 * @deprecated Use `getApplicantSession()` from `../api/client`. Kept, on top of the new client, until
 * the clinician application form has moved over.
 */
import { REQUEST_TIMEOUT_MS, request } from '../api/request';
import { type ApiResult, toLegacyResult } from './api';

/** GETs JSON with the same rules as `postJson`. */
export async function getJson(
  url: string,
  { timeoutMs = REQUEST_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<ApiResult> {
  return toLegacyResult(await request(url, { method: 'GET', timeoutMs }));
}
