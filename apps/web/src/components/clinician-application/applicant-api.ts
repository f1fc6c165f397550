import { isApiErrorBody, type PresignUploadRequest } from '@telehealth/contracts';
import { type ApiResult, parseRetryAfter, postJson, REQUEST_TIMEOUT_MS } from '../form/api';
import { getJson } from '../form/get-json';
import type { ApplicationRequest } from './draft';

/**
 * Every call the clinician application makes to the API, one function an endpoint, named as in the
 * shared typed client (`components/api/client.ts`) so that switching to it is a change of this seam
 * only. (The code check goes through the shared `CodeEntry`, as on the signup form.) Results are the
 * raw `ApiResult`s; the callers read them (email-proof.ts, uploads.ts, the form).
 */

/** `POST /api/clinician/email/code`: emails a 6-digit code, bound to this browser by a cookie. */
export function requestApplicantCode(email: string): Promise<ApiResult> {
  return postJson('/api/clinician/email/code', { email });
}

/** `GET /api/clinician/email/session`: 200 with the email this browser has proven, 401 when none. */
export function getApplicantSession(): Promise<ApiResult> {
  return getJson('/api/clinician/email/session');
}

/**
 * `DELETE /api/clinician/email/session`: 204, the HttpOnly proof cookie expired, so the next person at
 * this browser proves their email again. `keepalive` lets it finish when the page moves on right after.
 * Never throws.
 */
export async function forgetApplicantSession({
  timeoutMs = REQUEST_TIMEOUT_MS,
}: {
  timeoutMs?: number;
} = {}): Promise<ApiResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch('/api/clinician/email/session', {
        method: 'DELETE',
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
        keepalive: true,
        signal: controller.signal,
      });
    } catch {
      return { kind: 'network', reason: controller.signal.aborted ? 'timeout' : 'offline' };
    }
    if (response.ok) return { kind: 'ok', status: response.status, body: undefined };
    const parsed: unknown = await response.json().catch(() => undefined);
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

/** `POST /api/uploads/presign`: where and how to upload one document of the draft. */
export function presignUpload(request: PresignUploadRequest): Promise<ApiResult> {
  return postJson('/api/uploads/presign', request);
}

/**
 * `POST /api/clinician/apply`. The body is the application as the form built it (see
 * `ApplicationRequest` in draft.ts); the server's contract has the last word on it.
 */
export function submitApplication(application: ApplicationRequest): Promise<ApiResult> {
  return postJson('/api/clinician/apply', application);
}
