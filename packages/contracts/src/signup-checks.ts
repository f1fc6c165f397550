import type { FieldIssue } from './errors';
import type { UsStateCode } from './states';

/**
 * The patient signup rules and their messages without zod, for the landing page: the browser checks
 * a signup with these (inline errors on blur and submit) and ships no validation library. The server
 * stays the judge: `makeProvisionalPatientSchema` in `./patient` (full zod, libphonenumber) uses the
 * same messages and predicates, and whatever the browser lets through that the contract refuses comes
 * back as a 400 whose issues the form shows the same way. The only deliberate difference is the phone
 * number, checked here by shape (digits, a plausible US number) and by libphonenumber on the server.
 */

export const MINIMUM_PATIENT_AGE = 18;
export const OTP_LENGTH = 6;
/** Seconds a patient waits before asking for another code; the form shows the countdown. */
export const OTP_RESEND_COOLDOWN_SECONDS = 60;

/** Emails are compared and stored trimmed and lower-cased, so `Ann@X.com ` and `ann@x.com` are one patient. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

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

/**
 * Invisible characters that reorder how text is displayed (bidirectional embeddings, overrides and
 * isolates, directional marks, the Arabic letter mark). In a name or a file name they make
 * `Maria‮fdp.exe` read as something else in an email or the portal, so they are refused, not stripped.
 */
export const TEXT_DIRECTION_CHARACTERS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
export const SINGLE_LINE_FORBIDDEN = /[\p{Cc}\u2028\u2029]/u;
/** The same, except the line feed and tab a multi-line explanation needs. */
export const MULTI_LINE_FORBIDDEN = /(?![\n\t])[\p{Cc}\u2028\u2029]/u;

export const CONTROL_CHARACTER_MESSAGE =
  'This cannot contain line breaks, tabs or other control characters. Retype it on one line.';
export const MULTI_LINE_CONTROL_CHARACTER_MESSAGE =
  'This contains control characters. Retype it using only letters, numbers, punctuation and line breaks.';
export const TEXT_DIRECTION_MESSAGE =
  'This contains hidden characters that change the direction of text. Retype it without them.';

/** The messages of the signup contract, one place for the browser's checks and the server's schema. */
export const signupMessages = {
  nameMissing: (label: string) => `Enter your ${label}.`,
  nameTooLong: (label: string) => `Your ${label} must be 100 characters or fewer.`,
  emailMissing: 'Enter your email address.',
  emailTooLong: 'That email address is too long.',
  emailInvalid: 'Enter a valid email address, like name@example.com.',
  phoneMissing: 'Enter your mobile phone number.',
  phoneTooLong: 'That phone number is too long.',
  phoneInvalid: 'Enter a valid phone number, like (415) 555-0134.',
  phoneNotUs:
    'Enter a US mobile number, like (415) 555-0134. We can only use phone numbers in the United States.',
  phoneNotMobile:
    'That is not a US mobile number. Enter a mobile number, like (415) 555-0134; toll-free and premium-rate numbers cannot be used.',
  dateOfBirthMissing: 'Enter your date of birth.',
  dateOfBirthInvalid: 'Date of birth must be a real date.',
  dateOfBirthPartsMissing: (parts: string) => `Date of birth must include a ${parts}.`,
  dateOfBirthYearDigits: 'Year must include 4 numbers.',
  dateOfBirthTooEarly: 'Enter a date of birth after 1900.',
  dateOfBirthInFuture: 'Your date of birth cannot be in the future.',
  tooYoung: `You must be ${MINIMUM_PATIENT_AGE} or older to use this service.`,
  stateMissing: 'Choose the state you live in.',
  stateNotServed: 'We do not serve that state yet. Choose a state from the list.',
  telehealthConsent: 'You must consent to receive care by telehealth.',
  privacyConsent: 'You must confirm that you have received the Notice of Privacy Practices.',
  otpCode: 'Enter the 6-digit code from your email.',
  documentVersions: 'Send the version of each document the person was shown (telehealth, privacy, terms).',
  documentsChanged: (titles: string) =>
    `Our ${titles} changed since you opened this page. Reload the page to read the current version, then send the form again.`,
} as const;

export const NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;
export const PHONE_MAX_LENGTH = 32;
export const EARLIEST_DATE_OF_BIRTH = '1900-01-01';
export const OTP_CODE_PATTERN = /^\d{6}$/;

/** The first problem with a date of birth that is already a real YYYY-MM-DD date, or undefined. */
export function dateOfBirthProblem(dob: string, today: string = isoDateToday()): string | undefined {
  if (dob < EARLIEST_DATE_OF_BIRTH) return signupMessages.dateOfBirthTooEarly;
  if (dob > today) return signupMessages.dateOfBirthInFuture;
  if (!isAtLeastYearsOld(dob, MINIMUM_PATIENT_AGE, today)) return signupMessages.tooYoung;
  return undefined;
}

/** A real calendar date written YYYY-MM-DD (what `z.iso.date()` accepts). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** A date as typed in three boxes (the GOV.UK date input): month, day and year, each as typed. */
export interface DateParts {
  month: string;
  day: string;
  year: string;
}
export type DatePart = keyof DateParts;
export const datePartOrder: readonly DatePart[] = ['month', 'day', 'year'];

export type DatePartsResult =
  | { ok: true; date: string }
  /** `parts`: the boxes to mark and link to, in form order; every box when the date as a whole is wrong. */
  | { ok: false; message: string; parts: DatePart[] };

const PART_LIMITS: Record<Exclude<DatePart, 'year'>, number> = { month: 12, day: 31 };

/**
 * Reads a date of birth typed in three boxes into YYYY-MM-DD, or says what to fix and where, in
 * GOV.UK's words ("Date of birth must include a month"). Whether the date itself is acceptable
 * (age, not in the future) is `dateOfBirthProblem`'s, as for a date sent whole.
 */
export function dateFromParts(parts: DateParts): DatePartsResult {
  const value = {
    month: parts.month.trim(),
    day: parts.day.trim(),
    year: parts.year.trim(),
  };
  const missing = datePartOrder.filter((part) => value[part] === '');
  if (missing.length === 3) return { ok: false, message: signupMessages.dateOfBirthMissing, parts: missing };
  if (missing.length) {
    return {
      ok: false,
      message: signupMessages.dateOfBirthPartsMissing(missing.join(' and ')),
      parts: missing,
    };
  }
  const outOfRange = datePartOrder.filter((part) => {
    if (!/^\d+$/.test(value[part])) return true;
    if (part === 'year') return false;
    const n = Number(value[part]);
    return n < 1 || n > PART_LIMITS[part];
  });
  if (outOfRange.length) {
    return { ok: false, message: signupMessages.dateOfBirthInvalid, parts: outOfRange };
  }
  if (value.year.length !== 4) {
    return { ok: false, message: signupMessages.dateOfBirthYearDigits, parts: ['year'] };
  }
  const date = `${value.year}-${value.month.padStart(2, '0')}-${value.day.padStart(2, '0')}`;
  if (!isIsoDate(date)) return { ok: false, message: signupMessages.dateOfBirthInvalid, parts: ['day'] };
  return { ok: true, date };
}

/**
 * A US phone number's shape as typed: 10 digits (an optional leading 1 or +1; area code and exchange
 * not starting with 0 or 1). Only the browser uses this; the server checks the number with
 * libphonenumber (a US mobile number, not toll-free).
 */
export function looksLikePhoneNumber(phone: string): boolean {
  const value = phone.trim();
  if (!/^\+?[\d\s().-]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, '');
  if (value.startsWith('+') && !digits.startsWith('1')) return false;
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(national);
}

/**
 * True for a number written with another country's code: `+44 …`, or dialled from the US as
 * `011 44 …`, or from elsewhere as `00 44 …`. Such numbers get the "US numbers only" message.
 */
export function looksInternational(phone: string): boolean {
  const value = phone.trim();
  const digits = value.replace(/\D/g, '');
  if (value.startsWith('+')) return !digits.startsWith('1');
  return /^(?:011|00)[2-9]/.test(digits) && digits.length > 11;
}

/** Close to zod's `z.email()`: a local part, an `@`, and a domain with a dot and a letter-only TLD. */
const EMAIL_SHAPE =
  /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

function nameProblem(value: unknown, label: string): string | undefined {
  if (typeof value !== 'string') return signupMessages.nameMissing(label);
  const text = value.normalize('NFC').trim();
  if (SINGLE_LINE_FORBIDDEN.test(text)) return CONTROL_CHARACTER_MESSAGE;
  if (TEXT_DIRECTION_CHARACTERS.test(text)) return TEXT_DIRECTION_MESSAGE;
  if (text.length < 1) return signupMessages.nameMissing(label);
  if (text.length > NAME_MAX_LENGTH) return signupMessages.nameTooLong(label);
  return undefined;
}

function emailProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return signupMessages.emailMissing;
  const email = value.trim();
  if (email.length < 1) return signupMessages.emailMissing;
  if (email.length > EMAIL_MAX_LENGTH) return signupMessages.emailTooLong;
  return EMAIL_SHAPE.test(email) ? undefined : signupMessages.emailInvalid;
}

function phoneProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return signupMessages.phoneMissing;
  const phone = value.trim();
  if (phone.length < 1) return signupMessages.phoneMissing;
  if (phone.length > PHONE_MAX_LENGTH) return signupMessages.phoneTooLong;
  if (looksInternational(phone)) return signupMessages.phoneNotUs;
  return looksLikePhoneNumber(phone) ? undefined : signupMessages.phoneInvalid;
}

function dateOfBirthIssue(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length < 1) return signupMessages.dateOfBirthMissing;
  if (!isIsoDate(value)) return signupMessages.dateOfBirthInvalid;
  return dateOfBirthProblem(value);
}

export interface SignupCheckInput {
  firstName?: unknown;
  lastName?: unknown;
  email?: unknown;
  phone?: unknown;
  dateOfBirth?: unknown;
  state?: unknown;
  consent?: { telehealth?: unknown; privacy?: unknown } | undefined;
}

/**
 * The browser's check of a signup: one issue per field, at the contract's paths and with its
 * messages, in form order. An empty list means "send it"; the server decides.
 */
export function checkSignup(input: SignupCheckInput, servedStates: readonly UsStateCode[]): FieldIssue[] {
  const state =
    typeof input.state !== 'string'
      ? signupMessages.stateMissing
      : (servedStates as readonly string[]).includes(input.state)
        ? undefined
        : signupMessages.stateNotServed;
  const found: [string, string | undefined][] = [
    ['firstName', nameProblem(input.firstName, 'first name')],
    ['lastName', nameProblem(input.lastName, 'last name')],
    ['email', emailProblem(input.email)],
    ['phone', phoneProblem(input.phone)],
    ['dateOfBirth', dateOfBirthIssue(input.dateOfBirth)],
    ['state', state],
    ['consent.telehealth', input.consent?.telehealth === true ? undefined : signupMessages.telehealthConsent],
    ['consent.privacy', input.consent?.privacy === true ? undefined : signupMessages.privacyConsent],
  ];
  return found.flatMap(([path, message]) => (message ? [{ path, message }] : []));
}

/** The browser's check of a typed code: the trimmed code, or the message to show. */
export function checkOtpCode(code: string): { ok: true; code: string } | { ok: false; message: string } {
  const trimmed = code.trim();
  return OTP_CODE_PATTERN.test(trimmed)
    ? { ok: true, code: trimmed }
    : { ok: false, message: signupMessages.otpCode };
}
