/**
 * What the browser may import up front: no zod at all and no libphonenumber. Signup checks without
 * zod, the error shape, the states, and the request and response types. The response schemas
 * (zod/mini) are `@telehealth/contracts/response-schemas`, which the API client loads when an answer
 * arrives, so no validation library is in a page's first-load JavaScript. The server keeps using
 * `@telehealth/contracts`.
 */

export type { ClinicianApplicationInput, PresignUploadRequest } from './clinician/application';
export type { RequestEmailCodeInput, VerifyEmailCodeInput } from './email-verification';
export * from './errors';
export * from './field-issues';
export * from './legal-documents';
export * from './password-rules';
export type { ProvisionalPatientInput, VerifyPatientInput } from './patient';
export type {
  ClinicianApplicationAccepted,
  CodeSent,
  EmailCodeSent,
  PresignUploadResponse,
  ProvisionalPatientAccepted,
  VerifiedEmail,
  VerifyPatientResult,
  WaitlistCodeSent,
  WaitlistJoined,
  WaitlistRemoved,
} from './response-schemas';
export * from './signup-checks';
export type {
  AcceptInvitationInput,
  BackupCodes,
  ChangePasswordInput,
  ConfirmTotpInput,
  InviteStaffInput,
  SignInStep,
  StaffInvitationSent,
  StaffRole,
  StaffSignInInput,
  StaffUser,
  TotpEnrolment,
} from './staff';
export * from './states';
export type { WaitlistCodeInput, WaitlistReason, WaitlistRemoveInput, WaitlistVerifyInput } from './waitlist';
