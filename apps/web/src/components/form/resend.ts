import { type CodeSent, OTP_RESEND_COOLDOWN_SECONDS } from '@telehealth/contracts/client';
import { describeFailure } from '../api/describe-failure';
import type { ApiResult } from '../api/request';
import type { ResendOutcome } from './CodeEntry';

/**
 * A resend's answer as the code step shows it, with when the next code may be asked for (the
 * server's own figure, so the countdown ends when the server agrees). Answers other than sent or
 * 429 are left to the caller: `undefined`.
 */
export function resendAnswer(
  result: ApiResult<CodeSent>,
): { outcome: ResendOutcome; waitSeconds: number } | undefined {
  if (result.kind === 'ok') return { outcome: { kind: 'sent' }, waitSeconds: result.data.resendAfterSeconds };
  if (result.kind === 'error' && result.status === 429) {
    const seconds = result.retryAfterSeconds ?? OTP_RESEND_COOLDOWN_SECONDS;
    return {
      outcome: { kind: 'rate_limited', message: describeFailure(result), seconds },
      waitSeconds: seconds,
    };
  }
  return undefined;
}
