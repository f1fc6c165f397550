import {
  checkSignup,
  currentVersions,
  type DatePart,
  type DateParts,
  dateFromParts,
  datePartOrder,
  type FieldIssue,
  type UsStateCode,
} from '@telehealth/contracts/client';
import type { SignupRequestBody } from '../api/signup';

/** The signup form as typed. Kept by SignupFlow across steps so "Send a new code" can re-send it. */
export interface SignupValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  /** Three boxes (month, day, year), sent as one YYYY-MM-DD date. */
  dateOfBirth: DateParts;
  state: string;
  consentTelehealth: boolean;
  consentPrivacy: boolean;
}

export const emptySignupValues: SignupValues = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  dateOfBirth: { month: '', day: '', year: '' },
  state: '',
  consentTelehealth: false,
  consentPrivacy: false,
};

/** The request body of `POST /api/patient/provisional`, raw as typed: the server normalises. */
export function toSignupPayload(values: SignupValues): SignupRequestBody {
  const date = dateFromParts(values.dateOfBirth);
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    email: values.email,
    phone: values.phone,
    dateOfBirth: date.ok ? date.date : '',
    // Unselected is sent as missing, so the contract asks to choose a state rather than saying it is not served.
    ...(values.state ? { state: values.state } : {}),
    // Unticked boxes are sent as they are, so validation names them. The versions are those of the
    // documents this page links to: sending the form accepts them.
    consent: {
      telehealth: values.consentTelehealth,
      privacy: values.consentPrivacy,
      versions: currentVersions(),
    },
  };
}

/**
 * The browser's check of the form: the contract's rules, except that a date of birth the three
 * boxes do not make into a date says which box to fix ("Date of birth must include a year").
 */
export function checkSignupValues(values: SignupValues, servedStates: readonly UsStateCode[]): FieldIssue[] {
  const issues = checkSignup(toSignupPayload(values), servedStates);
  const date = dateFromParts(values.dateOfBirth);
  if (date.ok) return issues;
  return issues.map((issue) =>
    issue.path === 'dateOfBirth' ? { path: issue.path, message: date.message } : issue,
  );
}

/** The boxes of the date of birth to mark: those the problem is in, else all (the date as a whole). */
export function dateOfBirthPartsToMark(parts: DateParts): DatePart[] {
  const date = dateFromParts(parts);
  return date.ok ? [...datePartOrder] : date.parts;
}

/** Contract paths in the order the fields appear, so focus goes to the first invalid one. */
export const signupFieldPaths = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'dateOfBirth',
  'state',
  'consent.telehealth',
  'consent.privacy',
] as const;

export type SignupFieldPath = (typeof signupFieldPaths)[number];

export function isSignupFieldPath(path: string): path is SignupFieldPath {
  return (signupFieldPaths as readonly string[]).includes(path);
}

/**
 * DOM id of the control for a contract path, e.g. `consent.privacy` → `signup-consent-privacy`. The
 * date of birth is three boxes: its id is that of the box to fix (`datePart`, the month by default).
 */
export function fieldId(path: SignupFieldPath, datePart: DatePart = 'month'): string {
  const id = `signup-${path.replace('.', '-')}`;
  return path === 'dateOfBirth' ? `${id}-${datePart}` : id;
}

/** Where focus goes after a failed submit: the first invalid field, else the error summary. */
export function firstInvalidFieldId(
  errors: Readonly<Record<string, string>>,
  datePart: DatePart = 'month',
): string {
  const first = signupFieldPaths.find((path) => errors[path]);
  return first ? fieldId(first, datePart) : 'signup-error-summary';
}
