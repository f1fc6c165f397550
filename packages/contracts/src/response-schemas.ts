import * as z from 'zod/mini';
import { applicationDecisionActions, clinicianApplicationStatuses } from './clinician/statuses';
import { type ErrorCode, errorStatus } from './errors';

/**
 * Every response body the API answers with, written once with `zod/mini` so the browser can parse
 * answers without shipping the full zod build. They are ordinary zod 4 schemas: the server, the
 * OpenAPI document (`z.toJSONSchema`) and `z.infer` use them as they are. Each feature module
 * re-exports its own (`provisionalPatientAcceptedSchema` from `./patient`, …).
 */
export const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

export const fieldIssueSchema = z.object({
  /** Dotted path of the field, e.g. `consent.privacy`. */
  path: z.string(),
  message: z.string(),
});

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    issues: z.optional(z.array(fieldIssueSchema)),
  }),
});

/** `GET /api/health`. */
export const healthStatusSchema = z.object({ status: z.literal('ok') });
export type HealthStatus = z.infer<typeof healthStatusSchema>;

/**
 * A code (or, for an address already confirmed, a notice) is on its way. `resendAfterSeconds` is when
 * this browser may ask for another: the wait grows with each send (1, 2, 4, 8, then 15 minutes), and is
 * the same whether or not the address is already confirmed.
 */
export const codeSentSchema = z.object({
  status: z.literal('code_sent'),
  resendAfterSeconds: z.int().check(z.positive()),
});
export type CodeSent = z.infer<typeof codeSentSchema>;

/** `POST /api/patient/provisional` → 202. */
export const provisionalPatientAcceptedSchema = codeSentSchema;
export type ProvisionalPatientAccepted = z.infer<typeof provisionalPatientAcceptedSchema>;

/** `POST /api/patient/verify` → 200. */
export const verifyPatientResultSchema = z.object({ status: z.literal('verified') });
export type VerifyPatientResult = z.infer<typeof verifyPatientResultSchema>;

/** `POST /api/clinician/email/code` → 202. */
export const emailCodeSentSchema = codeSentSchema;
export type EmailCodeSent = z.infer<typeof emailCodeSentSchema>;

/** The proven email and until when the proof is accepted (ISO-8601 UTC). */
export const verifiedEmailSchema = z.object({
  status: z.literal('verified'),
  email: z.email(),
  expiresAt: z.iso.datetime(),
});
export type VerifiedEmail = z.infer<typeof verifiedEmailSchema>;

/** Where and how the browser uploads the file: send the bytes with exactly these headers before `expiresAt`. */
export const presignUploadResponseSchema = z.object({
  uploadId: z.string(),
  key: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  /** ISO-8601 UTC. */
  expiresAt: z.string(),
});
export type PresignUploadResponse = z.infer<typeof presignUploadResponseSchema>;

/** `POST /api/clinician/apply` → 201. */
export const clinicianApplicationAcceptedSchema = z.object({
  applicationId: z.string(),
  /** Short reference the clinician quotes when contacting us. */
  referenceNumber: z.string(),
  status: z.literal('SUBMITTED'),
});
export type ClinicianApplicationAccepted = z.infer<typeof clinicianApplicationAcceptedSchema>;

/** `POST /api/waitlist/code` → 202. */
export const waitlistCodeSentSchema = codeSentSchema;
export type WaitlistCodeSent = z.infer<typeof waitlistCodeSentSchema>;

/** `POST /api/waitlist/verify` → 201: the proven address is on the list; a confirmation is on its way. */
export const waitlistJoinedSchema = z.object({ status: z.literal('joined') });
export type WaitlistJoined = z.infer<typeof waitlistJoinedSchema>;

/** `POST /api/waitlist/remove` → 200: the entry is deleted. */
export const waitlistRemovedSchema = z.object({ status: z.literal('removed') });
export type WaitlistRemoved = z.infer<typeof waitlistRemovedSchema>;

export const applicationStatusSchema = z.enum(clinicianApplicationStatuses);

/** One decision in an application's history. */
export const applicationDecisionRecordSchema = z.object({
  action: z.enum(applicationDecisionActions),
  from: applicationStatusSchema,
  to: applicationStatusSchema,
  at: z.iso.datetime(),
  by: z.string(),
  reason: z.optional(z.string()),
  message: z.optional(z.string()),
});
export type ApplicationDecisionRecord = z.infer<typeof applicationDecisionRecordSchema>;

/** `POST /api/admin/clinician/applications/{id}/decision` → 200: the status it moved to and when. */
export const applicationDecidedSchema = z.object({
  applicationId: z.string(),
  referenceNumber: z.string(),
  status: applicationStatusSchema,
  decision: applicationDecisionRecordSchema,
  /** Whether the email telling the applicant went out; the decision stands either way. */
  applicantEmailed: z.boolean(),
});
export type ApplicationDecided = z.infer<typeof applicationDecidedSchema>;

/** `GET …/documents/{index}`: a presigned link to open at once; it stops working after `expiresInSeconds`. */
export const documentLinkSchema = z.object({
  url: z.string(),
  expiresInSeconds: z.int(),
  disposition: z.enum(['inline', 'attachment']),
});
export type DocumentLink = z.infer<typeof documentLinkSchema>;
