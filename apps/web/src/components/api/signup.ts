import type {
  ProvisionalPatientAccepted,
  ProvisionalPatientInput,
  VerifyPatientInput,
  VerifyPatientResult,
} from '@telehealth/contracts/client';
import { type ApiResult, request } from './request';

/** `POST /api/patient/provisional` → 202 `{ status: "code_sent" }`. */
export function requestSignupCode(
  body: ProvisionalPatientInput,
): Promise<ApiResult<ProvisionalPatientAccepted>> {
  return request('/api/patient/provisional', {
    method: 'POST',
    body,
    schema: (s) => s.provisionalPatientAcceptedSchema,
  });
}

/** `POST /api/patient/verify` → 200 `{ status: "verified" }`. */
export function verifySignupCode(body: VerifyPatientInput): Promise<ApiResult<VerifyPatientResult>> {
  return request('/api/patient/verify', { method: 'POST', body, schema: (s) => s.verifyPatientResultSchema });
}
