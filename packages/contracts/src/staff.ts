import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, passwordLengthProblem } from './password-rules';
import { emailSchema } from './patient';
import { plainText, strictObject } from './text';

/**
 * Staff of the portal. The existing deployment's roles map as ADMIN → admin, PROVIDER → clinician,
 * MARKETER → marketer (docs/portal.md).
 */
export const staffRoles = ['admin', 'clinician', 'marketer'] as const;
export const staffRoleSchema = z.enum(staffRoles, { error: 'Choose admin, clinician or marketer.' });
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** invited: no password yet; active: may sign in; disabled: may not, and every session is revoked. */
export const staffStatuses = ['invited', 'active', 'disabled'] as const;
export type StaffStatus = (typeof staffStatuses)[number];

/** TOTP is required for admins and marketers, optional for clinicians. */
export function totpRequired(role: StaffRole): boolean {
  return role !== 'clinician';
}

/** A staff user as the API shows it: never a hash, a secret or a counter. */
export const staffUserSchema = z.object({
  userId: z.uuid(),
  email: z.email(),
  name: z.string(),
  role: staffRoleSchema,
  status: z.enum(staffStatuses),
  totpEnrolled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

export const staffNameSchema = plainText({ error: 'Enter the person’s name.' })
  .min(1, 'Enter the person’s name.')
  .max(120, 'Use at most 120 characters for the name.');

/** `POST /api/admin/users`: an admin invites a person; the invitation email carries the link. */
export const inviteStaffSchema = strictObject(
  { name: staffNameSchema, email: emailSchema, role: staffRoleSchema },
  'Send the name, email and role of the person to invite.',
);
export type InviteStaffInput = z.input<typeof inviteStaffSchema>;

/** 201 from an invitation, 200 from a resend: the user and until when the link works. */
export const staffInvitationSentSchema = z.object({
  user: staffUserSchema,
  invitationExpiresAt: z.iso.datetime(),
});
export type StaffInvitationSent = z.infer<typeof staffInvitationSentSchema>;

export const staffUserIdParamsSchema = z.object({ userId: z.uuid({ error: 'There is no such user.' }) });

/**
 * A password as typed: the length rule here (code points after NFKC); the blocklist needs the
 * server. Never trimmed: a space is a character like any other.
 */
export const newPasswordSchema = z
  .string({ error: 'Enter a password.' })
  .max(PASSWORD_MAX_LENGTH * 4, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  .superRefine((value, ctx) => {
    const problem = passwordLengthProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The link's token: `<userId>.<secret>`; the secret is 32 random bytes in base64url. */
export const linkTokenSchema = z
  .string({ error: 'This link is not complete.' })
  .regex(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/, 'This link is not complete. Open it from the email again.');

/** `POST /api/staff/invitation/accept`: the invitation link's token and the chosen password. */
export const acceptInvitationSchema = strictObject({ token: linkTokenSchema, password: newPasswordSchema });
export type AcceptInvitationInput = z.input<typeof acceptInvitationSchema>;

/** What a sign-in still needs after this step: a code, an authenticator set-up, or nothing. */
export const signInStepSchema = z.object({ next: z.enum(['second-factor', 'enrol', 'complete']) });
export type SignInStep = z.infer<typeof signInStepSchema>;

/** `POST /api/staff/sign-in`, step one. The password is not checked for rules here: only matched. */
export const staffSignInSchema = strictObject(
  {
    email: emailSchema,
    password: z
      .string({ error: 'Enter your password.' })
      .min(1, 'Enter your password.')
      .max(PASSWORD_MAX_LENGTH * 4),
  },
  'Send your email and password.',
);
export type StaffSignInInput = z.input<typeof staffSignInSchema>;

/** A 6-digit TOTP code, or a backup code (`ABCDE-FGHIJ`). */
export const secondFactorCodeSchema = z
  .string({ error: 'Enter the code.' })
  .trim()
  .min(6, 'Enter the 6-digit code from your app, or a backup code.')
  .max(20, 'Enter the 6-digit code from your app, or a backup code.');

/** `POST /api/staff/totp/enrolment`: the first code from the newly scanned app. */
export const confirmTotpSchema = strictObject(
  {
    code: z
      .string({ error: 'Enter the 6-digit code.' })
      .trim()
      .regex(/^\d{6}$/, 'Enter the 6 digits your app shows.'),
  },
  'Send the code from your app.',
);
export type ConfirmTotpInput = z.input<typeof confirmTotpSchema>;

/** `GET /api/staff/totp/enrolment`: what to scan or type into the authenticator app. */
export const totpEnrolmentSchema = z.object({
  otpauthUri: z.string(),
  qrSvg: z.string(),
  manualKey: z.string(),
});
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

export const backupCodesSchema = z.object({ backupCodes: z.array(z.string()).length(10) });
export type BackupCodes = z.infer<typeof backupCodesSchema>;

/** `GET /api/staff/me`. */
export const staffMeSchema = z.object({ user: staffUserSchema });

/** `POST /api/staff/password`: the current password (proof it is the person) and the new one. */
export const changePasswordSchema = strictObject(
  {
    currentPassword: z
      .string({ error: 'Enter your current password.' })
      .min(1, 'Enter your current password.')
      .max(PASSWORD_MAX_LENGTH * 4),
    newPassword: newPasswordSchema,
  },
  'Send your current and your new password.',
);
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/** `GET /api/admin/users`: newest first. */
export const staffUserListSchema = z.object({ users: z.array(staffUserSchema) });
/** `POST /api/admin/users/{userId}/unlock` and `/disable`: the user as it is now. */
export const staffUserAnswerSchema = z.object({ user: staffUserSchema });
