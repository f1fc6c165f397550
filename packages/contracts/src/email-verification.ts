import { z } from 'zod';
import { emailSchema, otpCodeSchema } from './patient';

/**
 * Proving an email address with a 6-digit code, outside patient signup: the clinician application
 * starts with it. The code is bound to the browser that asked (an HttpOnly cookie).
 */
export const requestEmailCodeSchema = z.strictObject({ email: emailSchema });
export type RequestEmailCodeInput = z.input<typeof requestEmailCodeSchema>;

export const emailCodeSentSchema = z.object({ status: z.literal('code_sent') });
export type EmailCodeSent = z.infer<typeof emailCodeSentSchema>;

export const verifyEmailCodeSchema = z.strictObject({ email: emailSchema, code: otpCodeSchema });
export type VerifyEmailCodeInput = z.input<typeof verifyEmailCodeSchema>;

/** The proven email and until when the proof is accepted (ISO-8601 UTC). */
export const verifiedEmailSchema = z.object({
  status: z.literal('verified'),
  email: z.email(),
  expiresAt: z.iso.datetime(),
});
export type VerifiedEmail = z.infer<typeof verifiedEmailSchema>;
