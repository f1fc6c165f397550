import { z } from 'zod';
import { emailSchema, otpCodeSchema } from './patient';

/**
 * Proving an email address with a 6-digit code, outside patient signup: the clinician application
 * starts with it. The code is bound to the browser that asked (an HttpOnly cookie).
 */
export const requestEmailCodeSchema = z.strictObject({ email: emailSchema });
export type RequestEmailCodeInput = z.input<typeof requestEmailCodeSchema>;

export { type EmailCodeSent, emailCodeSentSchema } from './response-schemas';

export const verifyEmailCodeSchema = z.strictObject({ email: emailSchema, code: otpCodeSchema });
export type VerifyEmailCodeInput = z.input<typeof verifyEmailCodeSchema>;

export { type VerifiedEmail, verifiedEmailSchema } from './response-schemas';
