import type {
  WaitlistCodeInput,
  WaitlistCodeSent,
  WaitlistJoined,
  WaitlistRemoved,
  WaitlistRemoveInput,
  WaitlistVerifyInput,
} from '@telehealth/contracts/client';
import { type ApiResult, request } from './request';

/** `POST /api/waitlist/code` → 202 `{ status: "code_sent" }`. */
export function requestWaitlistCode(body: WaitlistCodeInput): Promise<ApiResult<WaitlistCodeSent>> {
  return request('/api/waitlist/code', { method: 'POST', body, schema: (s) => s.waitlistCodeSentSchema });
}

/** `POST /api/waitlist/verify` → 201 `{ status: "joined" }`. */
export function joinWaitlist(body: WaitlistVerifyInput): Promise<ApiResult<WaitlistJoined>> {
  return request('/api/waitlist/verify', { method: 'POST', body, schema: (s) => s.waitlistJoinedSchema });
}

/** `POST /api/waitlist/remove` → 200 `{ status: "removed" }`. */
export function leaveWaitlist(body: WaitlistRemoveInput): Promise<ApiResult<WaitlistRemoved>> {
  return request('/api/waitlist/remove', { method: 'POST', body, schema: (s) => s.waitlistRemovedSchema });
}
