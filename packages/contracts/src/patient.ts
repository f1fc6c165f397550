import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';
import { type UsStateCode, usStates } from './states';
import { plainText, strictObject } from './text';

export const MINIMUM_PATIENT_AGE = 18;
export const OTP_LENGTH = 6;

/** Emails are compared and stored trimmed and lower-cased, so `Ann@X.com ` and `ann@x.com` are one patient. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }))
  .transform(normalizeEmail);

/** Parses a phone number as typed (US numbers may omit +1) and returns it in E.164, or undefined. */
export function toE164(phone: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone.trim(), 'US');
  return parsed?.isValid() ? parsed.number : undefined;
}

export const phoneSchema = z
  .string({ error: 'Enter your mobile phone number.' })
  .trim()
  .min(1, 'Enter your mobile phone number.')
  .max(32, 'That phone number is too long.')
  .transform((value, ctx) => {
    const e164 = toE164(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'Enter a valid phone number, like (415) 555-0134.' });
      return z.NEVER;
    }
    return e164;
  });

/** Today's date as YYYY-MM-DD in UTC. */
export function isoDateToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * True when someone born on `dateOfBirth` is at least `years` old on `today` (both YYYY-MM-DD).
 * Compares date strings, so a 29 February birthday turns a year older on 1 March in common years.
 */
export function isAtLeastYearsOld(dateOfBirth: string, years: number, today: string): boolean {
  const [year = '0', rest] = [today.slice(0, 4), today.slice(4)];
  const cutoff = `${String(Number(year) - years).padStart(4, '0')}${rest}`;
  return dateOfBirth <= cutoff;
}

export const dateOfBirthSchema = z
  .string({ error: 'Enter your date of birth.' })
  .min(1, 'Enter your date of birth.')
  .pipe(z.iso.date({ error: 'Enter a real date as YYYY-MM-DD.' }))
  .refine((dob) => dob >= '1900-01-01', 'Enter a date of birth after 1900.')
  .refine((dob) => dob <= isoDateToday(), 'Your date of birth cannot be in the future.')
  .refine(
    (dob) => isAtLeastYearsOld(dob, MINIMUM_PATIENT_AGE, isoDateToday()),
    `You must be ${MINIMUM_PATIENT_AGE} or older to use this service.`,
  );

/** Names appear in emails and pages: plain text, NFC. */
const nameSchema = (label: string) =>
  plainText({ error: `Enter your ${label}.` })
    .min(1, `Enter your ${label}.`)
    .max(100, `Your ${label} must be 100 characters or fewer.`);

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
      .string({ error: 'Choose the state you live in.' })
      .refine((s) => served.has(s), {
        message: 'We do not serve that state yet. Choose a state from the list.',
      })
      .transform((s) => s as UsStateCode),
    consent: strictObject({
      telehealth: z.literal(true, { error: 'You must consent to receive care by telehealth.' }),
      privacy: z.literal(true, { error: 'You must accept the privacy notice.' }),
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

export const provisionalPatientAcceptedSchema = z.object({ status: z.literal('code_sent') });
export type ProvisionalPatientAccepted = z.infer<typeof provisionalPatientAcceptedSchema>;

export const otpCodeSchema = z
  .string({ error: 'Enter the 6-digit code from your email.' })
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from your email.');

export const verifyPatientSchema = strictObject({ email: emailSchema, code: otpCodeSchema });
export type VerifyPatientInput = z.input<typeof verifyPatientSchema>;

export const verifyPatientResultSchema = z.object({ status: z.literal('verified') });
export type VerifyPatientResult = z.infer<typeof verifyPatientResultSchema>;

/** Seconds a patient waits before asking for another code; the form shows the countdown. */
export const OTP_RESEND_COOLDOWN_SECONDS = 60;

export function stateName(code: UsStateCode): string {
  return usStates[code];
}
