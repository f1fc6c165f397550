import type {
  EmailCodeSent,
  RequestEmailCodeInput,
  VerifiedEmail,
  VerifyEmailCodeInput,
} from '@telehealth/contracts/client';
import { type ApiResult, request } from './request';

/** `POST /api/clinician/email/code` → 202 `{ status: "code_sent" }`. */
export function requestApplicantCode(body: RequestEmailCodeInput): Promise<ApiResult<EmailCodeSent>> {
  return request('/api/clinician/email/code', { method: 'POST', body, schema: (s) => s.emailCodeSentSchema });
}

/** `POST /api/clinician/email/verify` → 200 with the proven email. */
export function verifyApplicantCode(body: VerifyEmailCodeInput): Promise<ApiResult<VerifiedEmail>> {
  return request('/api/clinician/email/verify', {
    method: 'POST',
    body,
    schema: (s) => s.verifiedEmailSchema,
  });
}

/** `GET /api/clinician/email/session` → 200 with the proven email; 401 when this browser has none. */
export function getApplicantSession(): Promise<ApiResult<VerifiedEmail>> {
  return request('/api/clinician/email/session', { method: 'GET', schema: (s) => s.verifiedEmailSchema });
}

/**
 * `DELETE /api/clinician/email/session` → 204: forgets this browser's proof. `keepalive` lets it
 * finish when the page moves on right after (a submitted application navigates away).
 */
export function forgetApplicantSession(): Promise<ApiResult<undefined>> {
  return request<undefined>('/api/clinician/email/session', { method: 'DELETE', keepalive: true });
}
