import 'server-only';
import {
  acceptInvitationSchema,
  applicationDecidedSchema,
  applicationDecisionSchema,
  applicationDetailSchema,
  applicationQueueSchema,
  applicationTransitions,
  backupCodesSchema,
  changePasswordSchema,
  clinicianApplicationAcceptedSchema,
  clinicianApplicationStatuses,
  confirmTotpSchema,
  currentVersions,
  documentLinkSchema,
  type ErrorCode,
  emailCodeSentSchema,
  healthStatusSchema,
  inviteStaffSchema,
  makeClinicianApplicationSchema,
  makeProvisionalPatientSchema,
  makeWaitlistCodeSchema,
  makeWaitlistVerifySchema,
  presignUploadRequestSchema,
  presignUploadResponseSchema,
  provisionalPatientAcceptedSchema,
  requestEmailCodeSchema,
  signInStepSchema,
  staffInvitationSentSchema,
  staffMeSchema,
  staffSignInSchema,
  staffUserAnswerSchema,
  staffUserListSchema,
  totpEnrolmentSchema,
  type UsStateCode,
  usStates,
  verifiedEmailSchema,
  verifyEmailCodeSchema,
  verifyPatientResultSchema,
  verifyPatientSchema,
  waitlistCodeSentSchema,
  waitlistJoinedSchema,
  waitlistRemovedSchema,
  waitlistRemoveSchema,
} from '@telehealth/contracts';
import { z } from 'zod';
import { applyLimit } from '../applications/service';
import { APPLICANT_COOKIE, APPLICANT_PROOF_SECONDS, applicantLimits } from '../email-verification/applicant';
import {
  CODE_TTL_MINUTES,
  codesPerEmail,
  FAILURE_BUDGET,
  MAX_CODE_ATTEMPTS,
  verifiesPerIp,
} from '../email-verification/service';
import { clientIpSources } from '../env';
import {
  DOCUMENT_LINK_SECONDS,
  EXPIRY_WARNING_DAYS,
  QUEUE_PAGE_SIZE,
  SEARCH_SCAN_PAGES,
} from '../review/service';
import { signupLimits } from '../signup/service';
import {
  INVITATION_HOURS,
  LOCK_MINUTES,
  MAX_FAILED_SIGN_INS,
  signInLimit,
  TICKET_MINUTES,
} from '../staff/service';
import { presignLimit } from '../uploads/service';
import { REMOVAL_LINK_INVALID, WAITLIST_RETENTION_DAYS, waitlistLimits } from '../waitlist/service';
import type { SchemaHints } from './schema';

/** Cookie names as the API sets them over HTTPS; over plain HTTP (local dev) without `__Host-`. */
export const SIGNUP_COOKIE_NAME = 'lumen-signup';
export const APPLICANT_COOKIE_NAME = APPLICANT_COOKIE;
/** Body limits of `parseJsonBody`: the default, and the application's (up to 30 jobs). */
export const DEFAULT_BODY_BYTES = 16 * 1024;
export const APPLICATION_BODY_BYTES = 256 * 1024;

export type SecurityScheme =
  | 'signupCookie'
  | 'applicantCookie'
  | 'diagnosticsToken'
  | 'staffSession'
  | 'staffTicket';

/** next-auth's session cookie over plain HTTP; `__Secure-` in front over HTTPS. */
export const STAFF_SESSION_COOKIE = 'authjs.session-token';
export const STAFF_TICKET_COOKIE = 'lumen-staff-ticket';

export interface ErrorCase {
  code: ErrorCode;
  when: string;
}

export interface OperationSpec {
  method: 'get' | 'post' | 'delete';
  /** The URL path, exactly as the route's folder maps to it. */
  path: string;
  /** Path parameters (`{userId}`) and what each names: a UUID, unless its schema is given. */
  pathParams?: Record<string, string | { description: string; schema: Record<string, unknown> }>;
  /** Optional query parameters and their JSON schemas. */
  queryParams?: Record<string, { description: string; schema: Record<string, unknown> }>;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  /** The name passed to `route()`: request id, ceiling, budget, 500/503. Absent for bare handlers. */
  routeName?: string;
  /** Alternatives, as OpenAPI reads them: `[]` (none), or `{}` in the list to make one optional. */
  security: Partial<Record<SecurityScheme, []>>[];
  body?: { schema: z.core.$ZodType; name: string; maxBytes: number; hints?: SchemaHints; example?: unknown };
  success: {
    status: 200 | 201 | 202 | 204;
    description: string;
    /** Absent for a 204 (no body). */
    schema?: z.core.$ZodType;
    name: string;
    headers?: Record<string, { description: string; schema: Record<string, unknown>; required?: boolean }>;
    example?: unknown;
  };
  /** Besides those every JSON-body route or `route()` answers (400/413/415, 500/503). */
  errors: ErrorCase[];
  /** Extra responses that are not the error shape (a 304). */
  otherResponses?: Record<string, { description: string }>;
}

/** What GET /api/diagnostics/client-address answers (`clientAddressReport` in http.ts). */
export const clientAddressReportSchema = z.strictObject({
  configured: z.strictObject({
    source: z.enum(clientIpSources),
    trustedProxyHops: z.number().int().min(1),
    address: z.string(),
  }),
  headers: z.record(z.string(), z.string().nullable()),
  candidates: z.array(
    z.union([
      z.strictObject({
        source: z.literal('x-forwarded-for'),
        byTrustedProxyHops: z.array(
          z.strictObject({ trustedProxyHops: z.number().int().min(1), address: z.string() }),
        ),
      }),
      z.strictObject({ source: z.enum(['cloudfront-viewer-address', 'none']), address: z.string() }),
    ]),
  ),
});

/** "more than 20 signups an hour from this IP", from the limit the service enforces. */
const over = (rule: { limit: number; windowSeconds: number }, what: string) =>
  `more than ${rule.limit} ${what} ${rule.windowSeconds === 3600 ? 'an hour' : `in ${rule.windowSeconds} s`}`;

const backoff =
  'this browser asked for a code for this email a moment ago: it waits 1, 2, 4, 8, then 15 minutes between codes (an hour of quiet resets it); the message says when';
const perEmail = `${over(codesPerEmail, 'codes for this email')} from all browsers together`;
const failureBudget = `more than ${FAILURE_BUDGET.limit} wrong codes for this email in ${FAILURE_BUDGET.windowSeconds / 3600} hours, across codes and browsers; no code is checked until then and the owner is emailed once`;
const invalidCode = `the code is wrong, expired (${CODE_TTL_MINUTES} minutes), already used or spent (${MAX_CODE_ATTEMPTS} tries), the email is unknown, or this browser is not the one that asked for it (no signup cookie, or another one): one message for all`;
const concurrentGuesses = 'concurrent checks of one code conflicted; nothing was written (`Retry-After: 1`)';
const emailNotSent = 'the email could not be sent; the resend wait is released (`Retry-After: 5`)';

const setSignupCookie = {
  'set-cookie': {
    description: `The signup cookie \`__Host-${SIGNUP_COOKIE_NAME}\` (plain \`${SIGNUP_COOKIE_NAME}\` over HTTP): a random id binding the code to this browser; HttpOnly, SameSite=Lax, Path=/, 24 hours. Send it back to the verify endpoint. An existing well-formed one is kept.`,
    schema: { type: 'string' },
    required: true,
  },
};

const allStates = Object.keys(usStates);
const stateHint = { enum: allStates, description: 'USPS code of a US state or DC.' };

const emailExample = 'ada@example.com';

/**
 * Every operation under /api. The test beside this file fails when a route.ts has no entry here (or an
 * entry has no route.ts), so a new route lands with its documentation.
 */
export function operationSpecs(servedStates: readonly UsStateCode[]): OperationSpec[] {
  return [
    {
      method: 'post',
      path: '/api/patient/provisional',
      operationId: 'startPatientSignup',
      tag: 'Patients',
      summary: 'Start a patient signup and email a 6-digit code',
      description:
        'Stores the signup with a new code bound to this browser (the signup cookie) and emails the code. ' +
        'The answer is the same whether or not the email is known: a verified address is sent an ' +
        '"already confirmed" email instead, and its patient is not changed. A new code replaces the ' +
        `previous one. Email is trimmed and lower-cased, phone is stored in E.164, the patient must be 18 or ` +
        'older, and `state` must be one the service covers (`SERVICE_STATES`).',
      routeName: 'patient.provisional',
      security: [{}, { signupCookie: [] }],
      body: {
        schema: makeProvisionalPatientSchema(servedStates),
        name: 'ProvisionalPatient',
        maxBytes: DEFAULT_BODY_BYTES,
        hints: {
          'properties/state': { enum: [...servedStates], description: 'A state the service covers.' },
          'properties/dateOfBirth': { description: 'YYYY-MM-DD; 18 or older, after 1900.' },
          'properties/phone': { description: 'As typed; a US mobile number (US numbers may omit +1).' },
          'properties/consent/properties/versions': {
            description:
              'The version of each document the person was shown (`legalDocuments` in the contracts: telehealth consent, Notice of Privacy Practices, terms of use). Sending the signup accepts them; the patient record stores each version and when.',
          },
        },
        example: {
          firstName: 'Ada',
          lastName: 'Lovelace',
          email: emailExample,
          phone: '(415) 555-0134',
          dateOfBirth: '1990-12-10',
          state: servedStates[0],
          consent: { telehealth: true, privacy: true, versions: currentVersions() },
        },
      },
      success: {
        status: 202,
        description: 'A code was sent (or, for a verified address, an "already confirmed" email).',
        schema: provisionalPatientAcceptedSchema,
        name: 'ProvisionalPatientAccepted',
        headers: setSignupCookie,
      },
      errors: [
        {
          code: 'conflict',
          when: 'a version in `consent.versions` is not the current one (the page was opened before a document changed): reload and read it; nothing is written or sent',
        },
        { code: 'rate_limited', when: backoff },
        { code: 'rate_limited', when: perEmail },
        {
          code: 'rate_limited',
          when: `${over(signupLimits.signupsPerIp, 'signups')} from this IP`,
        },
        { code: 'service_unavailable', when: emailNotSent },
      ],
    },
    {
      method: 'post',
      path: '/api/patient/verify',
      operationId: 'verifyPatientEmail',
      tag: 'Patients',
      summary: 'Confirm a patient signup with the emailed code',
      description:
        'From the browser that asked for the code: its signup cookie binds the two. The code is used, ' +
        'the patient created from the signup and the audit event written in one transaction. Each ' +
        'attempt is counted before the comparison.',
      routeName: 'patient.verify',
      security: [{ signupCookie: [] }],
      body: {
        schema: verifyPatientSchema,
        name: 'VerifyPatient',
        maxBytes: DEFAULT_BODY_BYTES,
        example: { email: emailExample, code: '012345' },
      },
      success: {
        status: 200,
        description: 'The email is confirmed; the patient is `VERIFIED`.',
        schema: verifyPatientResultSchema,
        name: 'VerifyPatientResult',
      },
      errors: [
        { code: 'invalid_code', when: invalidCode },
        {
          code: 'rate_limited',
          when: `${over(verifiesPerIp, 'code checks')} from this IP (patient and applicant codes together)`,
        },
        { code: 'rate_limited', when: failureBudget },
        { code: 'service_unavailable', when: concurrentGuesses },
      ],
    },
    {
      method: 'post',
      path: '/api/clinician/email/code',
      operationId: 'sendApplicantEmailCode',
      tag: 'Clinician applicants',
      summary: 'Email a 6-digit code to prove a clinician applicant’s email',
      description:
        'The clinician application starts by proving the email. The code is bound to this browser (the ' +
        'signup cookie) and is valid for ' +
        `${CODE_TTL_MINUTES} minutes. The answer never says whether the email is known.`,
      routeName: 'clinician.email.code',
      security: [{}, { signupCookie: [] }],
      body: {
        schema: requestEmailCodeSchema,
        name: 'RequestEmailCode',
        maxBytes: DEFAULT_BODY_BYTES,
        example: { email: emailExample },
      },
      success: {
        status: 202,
        description: 'A code was sent.',
        schema: emailCodeSentSchema,
        name: 'EmailCodeSent',
        headers: setSignupCookie,
      },
      errors: [
        { code: 'rate_limited', when: backoff },
        { code: 'rate_limited', when: perEmail },
        {
          code: 'rate_limited',
          when: `${over(applicantLimits.codesPerIp, 'applicant codes')} from this IP`,
        },
        { code: 'service_unavailable', when: emailNotSent },
      ],
    },
    {
      method: 'post',
      path: '/api/clinician/email/verify',
      operationId: 'verifyApplicantEmail',
      tag: 'Clinician applicants',
      summary: 'Prove a clinician applicant’s email with the code',
      description:
        'From the browser that asked for the code (its signup cookie). On success the applicant cookie ' +
        'carries a signed proof of the email to `POST /api/clinician/apply`.',
      routeName: 'clinician.email.verify',
      security: [{ signupCookie: [] }],
      body: {
        schema: verifyEmailCodeSchema,
        name: 'VerifyEmailCode',
        maxBytes: DEFAULT_BODY_BYTES,
        example: { email: emailExample, code: '012345' },
      },
      success: {
        status: 200,
        description: 'The email is proven until `expiresAt`.',
        schema: verifiedEmailSchema,
        name: 'VerifiedEmail',
        headers: {
          'set-cookie': {
            description: `The applicant cookie \`__Host-${APPLICANT_COOKIE_NAME}\` (plain \`${APPLICANT_COOKIE_NAME}\` over HTTP): a signed proof of the email (HS256), HttpOnly, SameSite=Lax, Path=/, ${APPLICANT_PROOF_SECONDS / 3600} hours.`,
            schema: { type: 'string' },
            required: true,
          },
        },
      },
      errors: [
        { code: 'invalid_code', when: invalidCode },
        {
          code: 'rate_limited',
          when: `${over(verifiesPerIp, 'code checks')} from this IP (patient and applicant codes together)`,
        },
        { code: 'rate_limited', when: failureBudget },
        { code: 'service_unavailable', when: concurrentGuesses },
      ],
    },
    {
      method: 'get',
      path: '/api/clinician/email/session',
      operationId: 'getApplicantEmailSession',
      tag: 'Clinician applicants',
      summary: 'Which email this browser has proven, and until when',
      description:
        'Reads the applicant cookie; calls no AWS service. Not cached (`cache-control: no-store`).',
      routeName: 'clinician.email.session',
      security: [{ applicantCookie: [] }],
      success: {
        status: 200,
        description: 'The proven email.',
        schema: verifiedEmailSchema,
        name: 'VerifiedEmail',
      },
      errors: [{ code: 'unauthenticated', when: 'no applicant cookie, or it is forged or expired' }],
    },
    {
      method: 'delete',
      path: '/api/clinician/email/session',
      operationId: 'forgetApplicantEmailSession',
      tag: 'Clinician applicants',
      summary: 'Forget the proven email in this browser',
      description:
        'Expires the applicant cookie ("Start over", or leaving a shared computer). Always 204; calls no AWS service.',
      routeName: 'clinician.email.session.delete',
      security: [{}, { applicantCookie: [] }],
      success: {
        status: 204,
        description: 'The applicant cookie is expired (`Max-Age=0`).',
        name: 'NoContent',
        headers: {
          'set-cookie': { description: 'Expires the applicant cookie.', schema: { type: 'string' } },
        },
      },
      errors: [],
    },
    {
      method: 'post',
      path: '/api/clinician/apply',
      operationId: 'submitClinicianApplication',
      tag: 'Clinician applicants',
      summary: 'Submit a clinician application',
      description:
        'The whole application (`packages/contracts/src/clinician/application.ts`, ' +
        '[clinician applications](clinician-applications.md)), from a browser holding the applicant ' +
        'cookie for the same email. At least one license must be in a state the service covers; DEA ' +
        'and board certification only for professions they apply to; gaps of more than 6 months in ' +
        'the work history need an explanation; one document per slot (`documents.cv`, ' +
        '`documents.license.<i>`, `documents.dea.<i>`, …); the signature is the legal name with today’s date. Uploaded ' +
        'documents are copied and their bytes checked before anything is stored. A replay with the ' +
        'same `idempotencyKey` answers the same body again, with `idempotent-replayed: true`, and sends no email.',
      routeName: 'clinician.apply',
      security: [{ applicantCookie: [] }],
      body: {
        schema: makeClinicianApplicationSchema(servedStates),
        name: 'ClinicianApplication',
        maxBytes: APPLICATION_BODY_BYTES,
        hints: {
          'properties/practiceAddress/properties/state': stateHint,
          'properties/licenses/items/properties/state': stateHint,
          'properties/deaRegistrations/items/properties/state': stateHint,
          'properties/npi': { description: '10 digits with a valid check digit.' },
          'properties/deaRegistrations': {
            description:
              'DEA registration is per state: one entry a state, each with its certificate in `documents` (purpose `dea`, `deaIndex` naming the entry). Left out when the clinician has none.',
          },
          'properties/deaRegistrations/items/properties/number': {
            description: '2 letters and 7 digits with a valid check digit, e.g. AB1234563.',
          },
          'properties/boardCertification/properties/expiresOn': {
            description:
              'Only for a `time-limited` certification; `lifetime` and `continuous` ones have none.',
          },
          'properties/signature/properties/signedOn': { description: 'Today (UTC), YYYY-MM-DD.' },
        },
      },
      success: {
        status: 201,
        description: 'Submitted (or the same submission replayed).',
        schema: clinicianApplicationAcceptedSchema,
        name: 'ClinicianApplicationAccepted',
        headers: {
          'idempotent-replayed': {
            description: '`true` when this answers a replay of an earlier submission.',
            schema: { type: 'string', enum: ['true'] },
          },
        },
      },
      errors: [
        {
          code: 'validation_failed',
          when: 'a document is missing, too large, of another type than claimed or outside the draft (path `documents.cv`, `documents.license.0`, …); nothing is written',
        },
        {
          code: 'unauthenticated',
          when: 'no applicant cookie, or it is forged or expired: prove the email first (answers are kept in the browser)',
        },
        { code: 'forbidden', when: 'the application’s email differs from the one this browser proved' },
        {
          code: 'conflict',
          when: 'an application for this email is already open, or this `idempotencyKey` was used for another email',
        },
        { code: 'rate_limited', when: `${over(applyLimit, 'applications')} from this IP` },
      ],
    },
    {
      method: 'post',
      path: '/api/uploads/presign',
      operationId: 'presignUpload',
      tag: 'Clinician applicants',
      summary: 'A presigned PUT for one application document',
      description:
        'PUT exactly `size` bytes to `url` with `headers` before `expiresAt`; type and length are signed, ' +
        'so S3 refuses anything else. The key lies under the draft’s prefix; the file name is only a label.',
      routeName: 'uploads.presign',
      security: [],
      body: {
        schema: presignUploadRequestSchema,
        name: 'PresignUploadRequest',
        maxBytes: DEFAULT_BODY_BYTES,
        example: {
          draftId: '3f2b8c1e-6a4d-4f0e-9b7a-2c5d8e1f0a3b',
          purpose: 'cv',
          fileName: 'cv.pdf',
          contentType: 'application/pdf',
          size: 120000,
        },
      },
      success: {
        status: 200,
        description: 'Where and how to upload.',
        schema: presignUploadResponseSchema,
        name: 'PresignUploadResponse',
      },
      errors: [{ code: 'rate_limited', when: `${over(presignLimit, 'uploads')} from this IP` }],
    },
    ...waitlistOperations(servedStates),
    {
      method: 'get',
      path: '/api/health',
      operationId: 'health',
      tag: 'Operations',
      summary: 'Liveness',
      description: 'For load balancers and scripts; touches no data and carries no request id.',
      security: [],
      success: {
        status: 200,
        description: 'The server is up.',
        schema: healthStatusSchema,
        name: 'HealthStatus',
      },
      errors: [],
    },
    {
      method: 'get',
      path: '/api/diagnostics/client-address',
      operationId: 'diagnoseClientAddress',
      tag: 'Operations',
      summary: 'Which address each client-address setting would pick',
      description:
        'To confirm `CLIENT_IP_SOURCE` and `TRUSTED_PROXY_HOPS` on a new deployment ' +
        '([runbook](runbooks/client-address.md)). Exists only while `DIAGNOSTICS_TOKEN` is set and the ' +
        'caller presents it as a bearer token; otherwise it answers exactly like an unknown path (404, ' +
        'never 401). Not cached.',
      routeName: 'diagnostics.client-address',
      security: [{ diagnosticsToken: [] }],
      success: {
        status: 200,
        description: 'The headers that carry an address, as received, and what each setting picks.',
        schema: clientAddressReportSchema,
        name: 'ClientAddressReport',
      },
      errors: [
        { code: 'not_found', when: '`DIAGNOSTICS_TOKEN` is unset, or the bearer token is missing or wrong' },
      ],
    },
    {
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'openApiDocument',
      tag: 'Operations',
      summary: 'This OpenAPI 3.1 document',
      description: 'Built once per server process, with the deployment’s served states. Carries an `ETag`.',
      security: [],
      success: {
        status: 200,
        description: 'The document.',
        schema: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
        name: 'OpenApiDocument',
        headers: { etag: { description: 'Changes when the document does.', schema: { type: 'string' } } },
      },
      errors: [],
      otherResponses: { '304': { description: 'Not modified: `If-None-Match` names the current `ETag`.' } },
    },
    ...staffOperations(),
    ...reviewOperations(),
  ];
}

const staffOnly = (roles: string): ErrorCase[] => [
  {
    code: 'unauthenticated',
    when: 'no staff session, or one that ended (idle 20 minutes, 12 hours, signed out, revoked)',
  },
  { code: 'forbidden', when: `the signed-in role is not ${roles}` },
];

const setTicketCookie = {
  'set-cookie': {
    description: `The ticket cookie \`__Host-${STAFF_TICKET_COOKIE}\` (plain over HTTP): the sign-in in progress, HttpOnly, SameSite=Lax, ${TICKET_MINUTES} minutes. next-auth's \`POST /api/auth/callback/staff\` (with \`code\` when \`next\` is \`second-factor\`) spends it and sets the session cookie.`,
    schema: { type: 'string' },
    required: true,
  },
};

const staffEmail = 'grace@lumen-health.example';

/** The portal's account endpoints (docs/portal.md). */
function staffOperations(): OperationSpec[] {
  return [
    {
      method: 'post',
      path: '/api/admin/users',
      operationId: 'inviteStaff',
      tag: 'Staff',
      summary: 'Invite a person to the portal (admins)',
      description: `Creates the staff user (status \`invited\`) and emails a single-use link, valid ${INVITATION_HOURS} hours, to choose a password; no password travels by email. Only the link's SHA-256 is stored. Roles: admin, clinician (the existing deployment's PROVIDER), marketer.`,
      routeName: 'admin.users.invite',
      security: [{ staffSession: [] }],
      body: {
        schema: inviteStaffSchema,
        name: 'InviteStaff',
        maxBytes: DEFAULT_BODY_BYTES,
        example: { name: 'Grace Hopper', email: staffEmail, role: 'clinician' },
      },
      success: {
        status: 201,
        description: 'Invited; the email is sent.',
        schema: staffInvitationSentSchema,
        name: 'StaffInvitationSent',
      },
      errors: [
        ...staffOnly('admin'),
        { code: 'conflict', when: 'someone on the staff already has this email' },
        {
          code: 'service_unavailable',
          when: 'the invitation was saved but its email could not be sent: resend it',
        },
      ],
    },
    {
      method: 'get',
      path: '/api/admin/users',
      operationId: 'listStaff',
      tag: 'Staff',
      summary: 'Every staff user, newest first (admins)',
      description:
        'Names, emails, roles, statuses and whether TOTP is set up; never a hash or a secret. Up to 100.',
      routeName: 'admin.users.list',
      security: [{ staffSession: [] }],
      success: { status: 200, description: 'The staff.', schema: staffUserListSchema, name: 'StaffUserList' },
      errors: staffOnly('admin'),
    },
    {
      method: 'post',
      path: '/api/admin/users/{userId}/unlock',
      pathParams: { userId: 'The locked staff user.' },
      operationId: 'unlockStaff',
      tag: 'Staff',
      summary: `End a sign-in lock before its ${LOCK_MINUTES} minutes (admins)`,
      description:
        'Clears the lock and the failure count; audited as `staff.unlocked` with the admin as actor.',
      routeName: 'admin.users.unlock',
      security: [{ staffSession: [] }],
      success: {
        status: 200,
        description: 'Unlocked.',
        schema: staffUserAnswerSchema,
        name: 'StaffUserAnswer',
      },
      errors: [...staffOnly('admin'), { code: 'not_found', when: 'no staff user has this id' }],
    },
    {
      method: 'post',
      path: '/api/admin/users/{userId}/disable',
      pathParams: { userId: 'The staff user to disable.' },
      operationId: 'disableStaff',
      tag: 'Staff',
      summary: 'Disable a person: no sign-in, every session ended (admins)',
      description:
        'Sets the status to `disabled` and moves the session version on, so every session of the person ends at once; a pending invitation stops working. Audited as `staff.disabled`.',
      routeName: 'admin.users.disable',
      security: [{ staffSession: [] }],
      success: {
        status: 200,
        description: 'Disabled.',
        schema: staffUserAnswerSchema,
        name: 'StaffUserAnswer',
      },
      errors: [
        ...staffOnly('admin'),
        { code: 'not_found', when: 'no staff user has this id' },
        { code: 'conflict', when: 'the person is already disabled, or is the admin asking' },
      ],
    },
    {
      method: 'post',
      path: '/api/admin/users/{userId}/resend-invitation',
      pathParams: { userId: 'The invited staff user.' },
      operationId: 'resendStaffInvitation',
      tag: 'Staff',
      summary: 'Send a new invitation link; the old one stops working (admins)',
      description: `A new ${INVITATION_HOURS}-hour link replaces the previous one in the same write, while the person has not accepted yet.`,
      routeName: 'admin.users.resend-invitation',
      security: [{ staffSession: [] }],
      success: {
        status: 200,
        description: 'A new link is on its way.',
        schema: staffInvitationSentSchema,
        name: 'StaffInvitationSent',
      },
      errors: [
        ...staffOnly('admin'),
        { code: 'not_found', when: 'no staff user has this id' },
        { code: 'conflict', when: 'the person already accepted the invitation' },
        { code: 'service_unavailable', when: 'the email could not be sent: try again' },
      ],
    },
    {
      method: 'post',
      path: '/api/staff/invitation/accept',
      operationId: 'acceptStaffInvitation',
      tag: 'Staff',
      summary: 'Choose a password with an invitation link',
      description:
        'Spends the invitation (once, before it expires) and sets the password: 15–128 characters counted in code points after NFKC, not a common or breached password, not made of the person’s name, email or the brand; no composition rules. Hashed with argon2id and a pepper. Starts the first sign-in: `next` says whether TOTP set-up comes next (admins, marketers).',
      routeName: 'staff.invitation.accept',
      security: [],
      body: {
        schema: acceptInvitationSchema,
        name: 'AcceptInvitation',
        maxBytes: DEFAULT_BODY_BYTES,
        hints: { 'properties/token': { description: 'The last path segment of the invitation link.' } },
      },
      success: {
        status: 200,
        description: 'The password is set; the sign-in continues.',
        schema: signInStepSchema,
        name: 'SignInStep',
        headers: setTicketCookie,
      },
      errors: [
        {
          code: 'validation_failed',
          when: 'the password breaks a rule; the issue on `password` says which and why',
        },
        { code: 'not_found', when: 'the link expired, was used, or was replaced by a newer one' },
      ],
    },
    {
      method: 'post',
      path: '/api/staff/sign-in',
      operationId: 'startStaffSignIn',
      tag: 'Staff',
      summary: 'Step one of a staff sign-in: email and password',
      description: `A right password starts a ticket (cookie) for step two: a TOTP or backup code (\`second-factor\`), TOTP set-up (\`enrol\`, for admins and marketers without one) or nothing (\`complete\`). ${MAX_FAILED_SIGN_INS} failures in a row (password or code) lock the account for ${LOCK_MINUTES} minutes; the owner is emailed, and the answer stays the same.`,
      routeName: 'staff.sign-in',
      security: [],
      body: {
        schema: staffSignInSchema,
        name: 'StaffSignIn',
        maxBytes: DEFAULT_BODY_BYTES,
        example: { email: staffEmail, password: 'correct horse battery staple' },
      },
      success: {
        status: 200,
        description: 'The password is right; `next` names step two.',
        schema: signInStepSchema,
        name: 'SignInStep',
        headers: setTicketCookie,
      },
      errors: [
        {
          code: 'unauthenticated',
          when: 'unknown email, wrong password, account locked or disabled: one message for all',
        },
        { code: 'rate_limited', when: `${over(signInLimit, 'sign-in attempts')} from this IP` },
      ],
    },
    {
      method: 'get',
      path: '/api/staff/totp/enrolment',
      operationId: 'getTotpEnrolment',
      tag: 'Staff',
      summary: 'The authenticator set-up of a sign-in in progress',
      description:
        'For a ticket whose next step is `enrol`: a new TOTP secret (SHA-1, 6 digits, 30 s), kept encrypted on the ticket until confirmed; a reload shows the same one. The QR code is SVG.',
      routeName: 'staff.totp.enrolment',
      security: [{ staffTicket: [] }],
      success: {
        status: 200,
        description: 'What to scan or type.',
        schema: totpEnrolmentSchema,
        name: 'TotpEnrolment',
      },
      errors: [{ code: 'unauthenticated', when: 'no ticket, an expired one, or one that needs no set-up' }],
    },
    {
      method: 'post',
      path: '/api/staff/totp/enrolment',
      operationId: 'confirmTotpEnrolment',
      tag: 'Staff',
      summary: 'Confirm the authenticator with its first code; get 10 backup codes',
      description:
        'Stores the secret (AES-256-GCM) with the code’s time step as used, and 10 single-use backup codes as argon2id hashes. The codes are in this answer only.',
      routeName: 'staff.totp.confirm',
      security: [{ staffTicket: [] }],
      body: {
        schema: confirmTotpSchema,
        name: 'ConfirmTotp',
        maxBytes: DEFAULT_BODY_BYTES,
        example: { code: '123456' },
      },
      success: { status: 200, description: 'Set up.', schema: backupCodesSchema, name: 'BackupCodes' },
      errors: [
        { code: 'invalid_code', when: 'the code does not match (5 wrong codes spend the ticket)' },
        { code: 'unauthenticated', when: 'no ticket, or an expired one' },
      ],
    },
    {
      method: 'post',
      path: '/api/staff/password',
      operationId: 'changeStaffPassword',
      tag: 'Staff',
      summary: 'Change your password (needs the current one)',
      description:
        'The new password follows the same rules as at the invitation. Every session of the person ends, this one included (session version), and the cookie is cleared: sign in again with the new password. A wrong current password counts toward the lockout.',
      routeName: 'staff.password',
      security: [{ staffSession: [] }],
      body: {
        schema: changePasswordSchema,
        name: 'ChangePassword',
        maxBytes: DEFAULT_BODY_BYTES,
        example: {
          currentPassword: 'correct horse battery staple',
          newPassword: 'violet harbour tram seventeen',
        },
      },
      success: { status: 204, description: 'Changed; every session has ended.', name: 'None' },
      errors: [
        ...staffOnly('admin, clinician or marketer'),
        {
          code: 'validation_failed',
          when: 'the current password is wrong, or the new one breaks a rule (the issue says which)',
        },
        { code: 'conflict', when: 'the password was changed concurrently in another window' },
      ],
    },
    {
      method: 'post',
      path: '/api/staff/sign-out',
      operationId: 'staffSignOut',
      tag: 'Staff',
      summary: 'Sign out everywhere',
      description:
        'Moves the person’s session version on, so this session and every copy of it end at once (a JWT cannot be recalled), and clears the cookie.',
      routeName: 'staff.sign-out',
      security: [{ staffSession: [] }],
      success: { status: 204, description: 'Signed out on every device.', name: 'None' },
      errors: staffOnly('admin, clinician or marketer'),
    },
    {
      method: 'get',
      path: '/api/staff/me',
      operationId: 'getStaffMe',
      tag: 'Staff',
      summary: 'The signed-in staff user',
      description: 'Name, email, role, status and whether TOTP is set up; never a hash or a secret.',
      routeName: 'staff.me',
      security: [{ staffSession: [] }],
      success: { status: 200, description: 'The user.', schema: staffMeSchema, name: 'StaffMe' },
      errors: staffOnly('admin, clinician or marketer'),
    },
  ];
}

/** The waitlist: prove the address, join with consent, remove from the emailed link. */
function waitlistOperations(servedStates: readonly UsStateCode[]): OperationSpec[] {
  const unserved = (Object.keys(usStates) as UsStateCode[]).filter((code) => !servedStates.includes(code));
  const answers = {
    email: emailExample,
    reason: 'state-not-served',
    state: unserved[0] ?? 'OR',
    consent: true,
  };
  const hints = {
    'properties/state': {
      enum: unserved,
      description: 'With `reason: state-not-served` only: a state the service does not cover yet.',
    },
    'properties/consent': { description: 'The checkbox: one email when we can see them, nothing else.' },
  };
  return [
    {
      method: 'post',
      path: '/api/waitlist/code',
      operationId: 'sendWaitlistCode',
      tag: 'Waitlist',
      summary: 'Email a 6-digit code to prove a waitlist address',
      description:
        'Nothing about the person is stored: only the code, bound to this browser (the signup cookie), ' +
        `valid for ${CODE_TTL_MINUTES} minutes. The code email carries nothing the requester typed. ` +
        'The answers are checked here so the form can show errors before the code step, and sent again ' +
        'with the code.',
      routeName: 'waitlist.code',
      security: [{}, { signupCookie: [] }],
      body: {
        schema: makeWaitlistCodeSchema(servedStates),
        name: 'WaitlistCodeRequest',
        maxBytes: DEFAULT_BODY_BYTES,
        hints,
        example: answers,
      },
      success: {
        status: 202,
        description: 'A code was sent.',
        schema: waitlistCodeSentSchema,
        name: 'WaitlistCodeSent',
        headers: setSignupCookie,
      },
      errors: [
        { code: 'rate_limited', when: backoff },
        { code: 'rate_limited', when: perEmail },
        { code: 'rate_limited', when: `${over(waitlistLimits.codesPerIp, 'waitlist codes')} from this IP` },
        { code: 'service_unavailable', when: emailNotSent },
      ],
    },
    {
      method: 'post',
      path: '/api/waitlist/verify',
      operationId: 'joinWaitlist',
      tag: 'Waitlist',
      summary: 'Join the waitlist with the emailed code',
      description:
        'From the browser that asked for the code. The code is used, the entry stored (reason, the ' +
        'unserved state if that is the reason, the consent version and time; no name or birth date) and ' +
        'the audit event written in one transaction. Joining again replaces the entry. A confirmation ' +
        'email follows with a one-time removal link; the entry is deleted after ' +
        `${WAITLIST_RETENTION_DAYS} days if nobody removes it.`,
      routeName: 'waitlist.verify',
      security: [{ signupCookie: [] }],
      body: {
        schema: makeWaitlistVerifySchema(servedStates),
        name: 'WaitlistJoin',
        maxBytes: DEFAULT_BODY_BYTES,
        hints,
        example: { ...answers, code: '012345' },
      },
      success: {
        status: 201,
        description: 'The address is on the list.',
        schema: waitlistJoinedSchema,
        name: 'WaitlistJoined',
      },
      errors: [
        { code: 'invalid_code', when: invalidCode },
        {
          code: 'rate_limited',
          when: `${over(verifiesPerIp, 'code checks')} from this IP (every kind of email code together)`,
        },
        { code: 'rate_limited', when: failureBudget },
        { code: 'service_unavailable', when: concurrentGuesses },
      ],
    },
    {
      method: 'post',
      path: '/api/waitlist/remove',
      operationId: 'leaveWaitlist',
      tag: 'Waitlist',
      summary: 'Remove an address with the link from the confirmation email',
      description:
        "The link's fragment carries the entry and a one-time token (only its SHA-256 is stored). The entry " +
        'is deleted by a write conditional on that hash, with its audit event, so the link works once.',
      routeName: 'waitlist.remove',
      security: [],
      body: {
        schema: waitlistRemoveSchema,
        name: 'WaitlistRemove',
        maxBytes: DEFAULT_BODY_BYTES,
        example: {
          entry: 'DlwZsPnqc7nGzkhv3POkUi-ZSIvUEW6zJej5r2Stb2w',
          token: 'QQ6hNW0kiUu_ipFnfQVzspdBdFwPJDBYeKDK4CzXhjU',
        },
      },
      success: {
        status: 200,
        description: 'The entry is deleted.',
        schema: waitlistRemovedSchema,
        name: 'WaitlistRemoved',
      },
      errors: [
        { code: 'not_found', when: REMOVAL_LINK_INVALID },
        { code: 'rate_limited', when: `${over(waitlistLimits.removalsPerIp, 'removals')} from this IP` },
      ],
    },
  ];
}

const transitionsInWords = Object.entries(applicationTransitions)
  .map(([action, { from, to }]) => `\`${action}\`: ${from.join(' or ')} → ${to}`)
  .join('; ');

/** Application review by admins (docs/portal.md, "Application review"). */
function reviewOperations(): OperationSpec[] {
  return [
    {
      method: 'get',
      path: '/api/admin/clinician/applications',
      operationId: 'listApplications',
      tag: 'Application review',
      summary: 'The review queue: one status, newest first, with counts (admins)',
      description: `Pages of ${QUEUE_PAGE_SIZE} through the status index, newest submission first; \`counts\` has every status. \`q\` searches the name and email (case-insensitive) by filtering index pages as they are read, up to ${SEARCH_SCAN_PAGES * 100} applications a request: a page of a search may hold fewer than ${QUEUE_PAGE_SIZE} and still have a \`nextCursor\`.`,
      routeName: 'admin.applications.queue',
      security: [{ staffSession: [] }],
      queryParams: {
        status: {
          description: 'The status to list (default SUBMITTED).',
          schema: { type: 'string', enum: [...clinicianApplicationStatuses] },
        },
        q: { description: 'Part of a name or an email.', schema: { type: 'string', maxLength: 200 } },
        cursor: { description: 'The `nextCursor` of the previous page.', schema: { type: 'string' } },
      },
      success: {
        status: 200,
        description: 'One page.',
        schema: applicationQueueSchema,
        name: 'ApplicationQueue',
      },
      errors: [
        ...staffOnly('admin'),
        { code: 'validation_failed', when: 'an unknown status, or a cursor that is not one we gave' },
      ],
    },
    {
      method: 'get',
      path: '/api/admin/clinician/applications/{applicationId}',
      pathParams: { applicationId: 'The application.' },
      operationId: 'getApplication',
      tag: 'Application review',
      summary: 'One application, every field (admins)',
      description: `Every answer as submitted, the documents (opened one by one below), the decisions so far, warnings for dates past or within ${EXPIRY_WARNING_DAYS} days, and the NPI's page in the public NPI registry. Each read is audited (\`clinician.application.viewed\`).`,
      routeName: 'admin.applications.detail',
      security: [{ staffSession: [] }],
      success: {
        status: 200,
        description: 'The application.',
        schema: applicationDetailSchema,
        name: 'ApplicationDetail',
      },
      errors: [...staffOnly('admin'), { code: 'not_found', when: 'no application has this id' }],
    },
    {
      method: 'get',
      path: '/api/admin/clinician/applications/{applicationId}/documents/{index}',
      pathParams: {
        applicationId: 'The application.',
        index: {
          description: 'The document, by its `index` in the application.',
          schema: { type: 'integer', minimum: 0 },
        },
      },
      operationId: 'openApplicationDocument',
      tag: 'Application review',
      summary: 'Open one document (admins)',
      description: `A presigned S3 GET that works for ${DOCUMENT_LINK_SECONDS} seconds: a PDF or an image opens in the browser, anything else downloads (\`Content-Disposition: attachment\`). Each view is audited (\`clinician.application.document_viewed\`).`,
      routeName: 'admin.applications.document',
      security: [{ staffSession: [] }],
      success: { status: 200, description: 'The link.', schema: documentLinkSchema, name: 'DocumentLink' },
      errors: [...staffOnly('admin'), { code: 'not_found', when: 'no such application or document' }],
    },
    {
      method: 'post',
      path: '/api/admin/clinician/applications/{applicationId}/decision',
      pathParams: { applicationId: 'The application.' },
      operationId: 'decideApplication',
      tag: 'Application review',
      summary: 'Move an application along: start review, request information, approve, reject (admins)',
      description: `The allowed moves: ${transitionsInWords}. A reason is required to reject and a message to request information; the applicant is emailed either after the decision commits. The status change and its audit event are one transaction whose condition names the status the admin saw, so of two admins deciding at once one gets 200 and the other 409 saying what happened. Approving or rejecting releases the email's open-application lock in the same transaction, so the person may apply again.`,
      routeName: 'admin.applications.decide',
      security: [{ staffSession: [] }],
      body: {
        schema: applicationDecisionSchema,
        name: 'ApplicationDecision',
        maxBytes: DEFAULT_BODY_BYTES,
        example: { action: 'reject', reason: 'We could not verify your California license.' },
      },
      success: {
        status: 200,
        description: 'Decided; the applicant is emailed.',
        schema: applicationDecidedSchema,
        name: 'ApplicationDecided',
      },
      errors: [
        ...staffOnly('admin'),
        { code: 'not_found', when: 'no application has this id' },
        {
          code: 'conflict',
          when: 'the application is not in a status this action may leave, e.g. another admin already approved it',
        },
      ],
    },
  ];
}
