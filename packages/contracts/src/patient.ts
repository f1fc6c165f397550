import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { z } from 'zod';
import { type AcceptedVersions, legalDocumentKeys, type StoredConsent } from './legal-documents';
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

export * from './legal-documents';
// The browser checks a signup with `checkSignup` (./signup-checks, no zod); this is the server's contract.
export {
  isAtLeastYearsOld,
  isoDateToday,
  MINIMUM_PATIENT_AGE,
  normalizeEmail,
  OTP_LENGTH,
  OTP_RESEND_COOLDOWN_SECONDS,
  signupMessages,
} from './signup-checks';
export { stateName } from './states';

export const emailSchema = z
  .string({ error: m.emailMissing })
  .trim()
  .min(1, m.emailMissing)
  .max(EMAIL_MAX_LENGTH, m.emailTooLong)
  .pipe(z.email({ error: m.emailInvalid }))
  .transform(normalizeEmail);

/** What a phone number as typed is, for the signup: a US mobile number (in E.164), or why not. */
export type PhoneCheck = { ok: true; e164: string } | { ok: false; message: string };

/**
 * Only US mobile numbers are taken. libphonenumber's `mobile` metadata (about 5 KiB gzip more than
 * `min`, where `max` is 21 KiB more on the clinician page that bundles this) calls a number valid
 * only if it can be a mobile: most US numbers cannot be told apart from landlines
 * (`FIXED_LINE_OR_MOBILE`), so those count, while toll-free, premium-rate and unassigned numbers do
 * not. Another country's number, Canada's and the Caribbean's +1 numbers included, gets a message
 * that says only US numbers are taken.
 */
export function checkUsMobile(phone: string): PhoneCheck {
  const parsed = parsePhoneNumberFromString(phone.trim(), 'US');
  if (!parsed) return { ok: false, message: m.phoneInvalid };
  if (parsed.countryCallingCode !== '1') return { ok: false, message: m.phoneNotUs };
  if (parsed.isValid()) {
    return parsed.country === 'US' ? { ok: true, e164: parsed.number } : { ok: false, message: m.phoneNotUs };
  }
  // The length of a US number, but no mobile has it: toll-free, premium-rate or unassigned.
  return {
    ok: false,
    message: parsed.isPossible() && parsed.country === 'US' ? m.phoneNotMobile : m.phoneInvalid,
  };
}

/** Parses a US mobile number as typed and returns it in E.164, or undefined. */
export function toE164(phone: string): string | undefined {
  const checked = checkUsMobile(phone);
  return checked.ok ? checked.e164 : undefined;
}

export const phoneSchema = z
  .string({ error: m.phoneMissing })
  .trim()
  .min(1, m.phoneMissing)
  .max(PHONE_MAX_LENGTH, m.phoneTooLong)
  .transform((value, ctx) => {
    const checked = checkUsMobile(value);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: checked.message });
      return z.NEVER;
    }
    return checked.e164;
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
      /**
       * The version of each document the person was shown (`legalDocuments`); sending the signup
       * accepts the terms of use. The service refuses versions that are not current (409).
       */
      versions: strictObject(
        Object.fromEntries(
          legalDocumentKeys.map((key) => [key, z.string({ error: m.documentVersions }).min(1).max(40)]),
        ) as Record<keyof AcceptedVersions, z.ZodString>,
        m.documentVersions,
      ),
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

/**
 * What a signup keeps until its code is verified; it becomes the patient's details only then. The
 * consent is what the person accepted when they sent the signup: each document's version and when.
 */
export type PendingSignupDetails = Pick<
  ProvisionalPatient,
  'firstName' | 'lastName' | 'phone' | 'dateOfBirth' | 'state'
> & { consent: StoredConsent };

export {
  type ProvisionalPatientAccepted,
  provisionalPatientAcceptedSchema,
  type VerifyPatientResult,
  verifyPatientResultSchema,
} from './response-schemas';

export const otpCodeSchema = z.string({ error: m.otpCode }).trim().regex(OTP_CODE_PATTERN, m.otpCode);

export const verifyPatientSchema = strictObject({ email: emailSchema, code: otpCodeSchema });
export type VerifyPatientInput = z.input<typeof verifyPatientSchema>;
