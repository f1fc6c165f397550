import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';
import {
  EARLIEST_DATE_OF_BIRTH,
  EMAIL_MAX_LENGTH,
  isAtLeastYearsOld,
  isoDateToday,
  MINIMUM_PATIENT_AGE,
  signupMessages as m,
  NAME_MAX_LENGTH,
  normalizeEmail,
  OTP_CODE_PATTERN,
  PHONE_MAX_LENGTH,
} from './signup-checks';
import type { UsStateCode } from './states';
import { plainText, strictObject } from './text';

// The browser checks a signup with `checkSignup` (./signup-checks, no zod); this is the server's contract.
export {
  isAtLeastYearsOld,
  isoDateToday,
  MINIMUM_PATIENT_AGE,
  normalizeEmail,
  OTP_LENGTH,
  OTP_RESEND_COOLDOWN_SECONDS,
} from './signup-checks';
export { stateName } from './states';

export const emailSchema = z
  .string({ error: m.emailMissing })
  .trim()
  .min(1, m.emailMissing)
  .max(EMAIL_MAX_LENGTH, m.emailTooLong)
  .pipe(z.email({ error: m.emailInvalid }))
  .transform(normalizeEmail);

/** Parses a phone number as typed (US numbers may omit +1) and returns it in E.164, or undefined. */
export function toE164(phone: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone.trim(), 'US');
  return parsed?.isValid() ? parsed.number : undefined;
}

export const phoneSchema = z
  .string({ error: m.phoneMissing })
  .trim()
  .min(1, m.phoneMissing)
  .max(PHONE_MAX_LENGTH, m.phoneTooLong)
  .transform((value, ctx) => {
    const e164 = toE164(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: m.phoneInvalid });
      return z.NEVER;
    }
    return e164;
  });

export const dateOfBirthSchema = z
  .string({ error: m.dateOfBirthMissing })
  .min(1, m.dateOfBirthMissing)
  .pipe(z.iso.date({ error: m.dateOfBirthInvalid }))
  .refine((dob) => dob >= EARLIEST_DATE_OF_BIRTH, m.dateOfBirthTooEarly)
  .refine((dob) => dob <= isoDateToday(), m.dateOfBirthInFuture)
  .refine((dob) => isAtLeastYearsOld(dob, MINIMUM_PATIENT_AGE, isoDateToday()), m.tooYoung);

/** Names appear in emails and pages: plain text, NFC. */
const nameSchema = (label: string) =>
  plainText({ error: m.nameMissing(label) })
    .min(1, m.nameMissing(label))
    .max(NAME_MAX_LENGTH, m.nameTooLong(label));

/**
 * The signup contract, built for the states the service covers, so the form and the API agree on
 * which states are accepted.
 */
export function makeProvisionalPatientSchema(servedStates: readonly UsStateCode[]) {
  const served = new Set<string>(servedStates);
  return strictObject({
    firstName: nameSchema('first name'),
    lastName: nameSchema('last name'),
    email: emailSchema,
    phone: phoneSchema,
    dateOfBirth: dateOfBirthSchema,
    state: z
      .string({ error: m.stateMissing })
      .refine((s) => served.has(s), { message: m.stateNotServed })
      .transform((s) => s as UsStateCode),
    consent: strictObject({
      telehealth: z.literal(true, { error: m.telehealthConsent }),
      privacy: z.literal(true, { error: m.privacyConsent }),
    }),
  });
}

export type ProvisionalPatientInput = z.input<ReturnType<typeof makeProvisionalPatientSchema>>;
export type ProvisionalPatient = z.output<ReturnType<typeof makeProvisionalPatientSchema>>;

/**
 * `VERIFIED` once a signup's code is confirmed; `PENDING_VERIFICATION` only on items written before
 * signups were bound to a browser.
 */
export type PatientStatus = 'PENDING_VERIFICATION' | 'VERIFIED';

/** What a signup keeps until its code is verified; it becomes the patient's details only then. */
export type PendingSignupDetails = Pick<
  ProvisionalPatient,
  'firstName' | 'lastName' | 'phone' | 'dateOfBirth' | 'state'
> & { consentedAt: string };

export {
  type ProvisionalPatientAccepted,
  provisionalPatientAcceptedSchema,
  type VerifyPatientResult,
  verifyPatientResultSchema,
} from './response-schemas';

export const otpCodeSchema = z.string({ error: m.otpCode }).trim().regex(OTP_CODE_PATTERN, m.otpCode);

export const verifyPatientSchema = strictObject({ email: emailSchema, code: otpCodeSchema });
export type VerifyPatientInput = z.input<typeof verifyPatientSchema>;
