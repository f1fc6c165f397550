import type {
  ProvisionalPatientAccepted,
  ProvisionalPatientInput,
  VerifyPatientInput,
  VerifyPatientResult,
} from '@telehealth/contracts/client';
import { type ApiResult, request } from './request';

/**
 * A signup as the form sends it: the contract's shape, with the consent boxes and the state as the
 * person left them (unticked, unchosen). The server's contract judges them and names what to fix.
 */
export type SignupRequestBody = Omit<ProvisionalPatientInput, 'state' | 'consent'> & {
  state?: string;
  consent: Omit<ProvisionalPatientInput['consent'], 'telehealth' | 'privacy'> & {
    telehealth: boolean;
    privacy: boolean;
  };
};

/** `POST /api/patient/provisional` → 202 `{ status: "code_sent", resendAfterSeconds }`. */
export function requestSignupCode(body: SignupRequestBody): Promise<ApiResult<ProvisionalPatientAccepted>> {
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
