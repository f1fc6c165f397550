import type {
  AcceptInvitationInput,
  BackupCodes,
  ChangePasswordInput,
  ConfirmTotpInput,
  InviteStaffInput,
  SignInStep,
  StaffInvitationSent,
  StaffSignInInput,
  TotpEnrolment,
} from '@telehealth/contracts/client';
import { type ApiResult, request } from './request';

/** `POST /api/staff/sign-in` → the next step; the ticket goes in an HttpOnly cookie. */
export function startStaffSignIn(body: StaffSignInInput): Promise<ApiResult<SignInStep>> {
  return request('/api/staff/sign-in', { method: 'POST', body });
}

/** `POST /api/staff/invitation/accept` → the next step of the first sign-in. */
export function acceptInvitation(body: AcceptInvitationInput): Promise<ApiResult<SignInStep>> {
  return request('/api/staff/invitation/accept', { method: 'POST', body });
}

/** `GET /api/staff/totp/enrolment` → QR code, manual key. */
export function getTotpEnrolment(): Promise<ApiResult<TotpEnrolment>> {
  return request('/api/staff/totp/enrolment', { method: 'GET' });
}

/** `POST /api/staff/totp/enrolment` → the backup codes, shown once. */
export function confirmTotp(body: ConfirmTotpInput): Promise<ApiResult<BackupCodes>> {
  return request('/api/staff/totp/enrolment', { method: 'POST', body });
}

/** `POST /api/staff/sign-out` → 204; every session of this person ends. */
export function staffSignOut(): Promise<ApiResult<unknown>> {
  return request('/api/staff/sign-out', { method: 'POST', keepalive: true });
}

/** `POST /api/admin/users` → 201; the invitation email is on its way. */
export function inviteStaff(body: InviteStaffInput): Promise<ApiResult<StaffInvitationSent>> {
  return request('/api/admin/users', { method: 'POST', body });
}

/** `POST /api/staff/password` → 204; every session of this person ends, this one included. */
export function changeStaffPassword(body: ChangePasswordInput): Promise<ApiResult<unknown>> {
  return request('/api/staff/password', { method: 'POST', body });
}
