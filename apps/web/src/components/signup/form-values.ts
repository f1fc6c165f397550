import type { ProvisionalPatientInput } from '@telehealth/contracts/client';

/** The signup form as typed. Kept by SignupFlow across steps so "Send a new code" can re-send it. */
export interface SignupValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  state: string;
  consentTelehealth: boolean;
  consentPrivacy: boolean;
}

export const emptySignupValues: SignupValues = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  dateOfBirth: '',
  state: '',
  consentTelehealth: false,
  consentPrivacy: false,
};

/** The request body of `POST /api/patient/provisional`, raw as typed: the server normalises. */
export function toSignupPayload(values: SignupValues): ProvisionalPatientInput {
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    email: values.email,
    phone: values.phone,
    dateOfBirth: values.dateOfBirth,
    // Unselected is sent as missing, so the contract asks to choose a state rather than saying it is not served.
    state: (values.state || undefined) as string,
    // The schema wants literal `true`; false values are sent as-is so validation reports them.
    consent: { telehealth: values.consentTelehealth as true, privacy: values.consentPrivacy as true },
  };
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

/** DOM id of the control for a contract path, e.g. `consent.privacy` → `signup-consent-privacy`. */
export function fieldId(path: SignupFieldPath): string {
  return `signup-${path.replace('.', '-')}`;
}

/** Where focus goes after a failed submit: the first invalid field, else the error summary. */
export function firstInvalidFieldId(errors: Readonly<Record<string, string>>): string {
  const first = signupFieldPaths.find((path) => errors[path]);
  return first ? fieldId(first) : 'signup-error-summary';
}
