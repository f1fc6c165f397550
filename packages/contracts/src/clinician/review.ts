import { z } from 'zod';
import * as zm from 'zod/mini';
import {
  applicationDecidedSchema,
  applicationDecisionRecordSchema,
  applicationStatusSchema as statusSchema,
} from '../response-schemas';
import { plainText } from '../text';
import {
  type ApplicationDecisionAction,
  applicationDecisionActions,
  type ClinicianApplicationStatus,
  clinicianApplicationStatuses,
} from './statuses';

/**
 * What an admin may do with an application (docs/portal.md, "Application review"). Each action is
 * allowed only from the statuses listed; the repository's conditional update names them, so two
 * admins deciding at once get one success and one conflict.
 */
export { type ApplicationDecisionAction, applicationDecisionActions };

export const applicationTransitions: Readonly<
  Record<
    ApplicationDecisionAction,
    { from: readonly ClinicianApplicationStatus[]; to: ClinicianApplicationStatus }
  >
> = {
  start_review: { from: ['SUBMITTED', 'INFO_REQUESTED'], to: 'IN_REVIEW' },
  request_info: { from: ['SUBMITTED', 'IN_REVIEW'], to: 'INFO_REQUESTED' },
  approve: { from: ['IN_REVIEW'], to: 'APPROVED' },
  reject: { from: ['SUBMITTED', 'IN_REVIEW', 'INFO_REQUESTED'], to: 'REJECTED' },
};

/** Approved and rejected applications are closed: the email may apply again. */
export const closedApplicationStatuses: readonly ClinicianApplicationStatus[] = ['APPROVED', 'REJECTED'];

const DECISION_TEXT_MAX = 2000;

/** `POST /api/admin/clinician/applications/{applicationId}/decision`. */
export const applicationDecisionSchema = z
  .object({
    action: z.enum(applicationDecisionActions, {
      error: 'Choose start_review, request_info, approve or reject.',
    }),
    reason: plainText({ multiline: true })
      .max(DECISION_TEXT_MAX, `Use at most ${DECISION_TEXT_MAX} characters for the reason.`)
      .optional(),
    message: plainText({ multiline: true })
      .max(DECISION_TEXT_MAX, `Use at most ${DECISION_TEXT_MAX} characters for the message.`)
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.action === 'reject' && !value.reason) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Give the reason for rejecting: the applicant reads it.',
      });
    }
    if (value.action === 'request_info' && !value.message) {
      ctx.addIssue({
        code: 'custom',
        path: ['message'],
        message: 'Write what the applicant needs to send: they read this message.',
      });
    }
  });
export type ApplicationDecisionInput = z.input<typeof applicationDecisionSchema>;
export type ApplicationDecision = z.output<typeof applicationDecisionSchema>;

export const applicationIdParamsSchema = z.object({
  applicationId: z.uuid({ error: 'There is no application with this id.' }),
});

/** `GET /api/admin/clinician/applications?status=&q=&cursor=`. */
export const applicationQueueQuerySchema = z.object({
  status: z
    .enum(clinicianApplicationStatuses, {
      error: 'Choose SUBMITTED, IN_REVIEW, INFO_REQUESTED, APPROVED or REJECTED.',
    })
    .default('SUBMITTED'),
  q: plainText()
    .max(200, 'Use at most 200 characters to search.')
    .optional()
    .transform((value) => value?.toLowerCase() || undefined),
  cursor: z.string().max(2000).optional(),
});
export type ApplicationQueueQuery = z.output<typeof applicationQueueQuerySchema>;

// Responses, with zod/mini like the other response schemas. The two the portal's browser code
// parses (a decision, a document link) live in `../response-schemas`, loaded with the first request.
export {
  type ApplicationDecided,
  type ApplicationDecisionRecord,
  applicationDecidedSchema,
  applicationDecisionRecordSchema,
  type DocumentLink,
  documentLinkSchema,
} from '../response-schemas';

export const applicationQueueItemSchema = zm.object({
  applicationId: zm.string(),
  referenceNumber: zm.string(),
  status: statusSchema,
  name: zm.string(),
  email: zm.string(),
  profession: zm.string(),
  submittedAt: zm.iso.datetime(),
  updatedAt: zm.iso.datetime(),
});
export type ApplicationQueueItem = zm.infer<typeof applicationQueueItemSchema>;

export const applicationQueueSchema = zm.object({
  status: statusSchema,
  /** Applications in each status (a count over the status index). */
  counts: zm.object({
    SUBMITTED: zm.int(),
    IN_REVIEW: zm.int(),
    INFO_REQUESTED: zm.int(),
    APPROVED: zm.int(),
    REJECTED: zm.int(),
  }),
  items: zm.array(applicationQueueItemSchema),
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  nextCursor: zm.optional(zm.string()),
});
export type ApplicationQueue = zm.infer<typeof applicationQueueSchema>;

/** A date in the application that has passed or comes within `EXPIRY_WARNING_DAYS`. */
export const expiryWarningSchema = zm.object({
  /** Dotted path of the date, e.g. `licenses.0.expiresOn`. */
  path: zm.string(),
  expiresOn: zm.string(),
  expired: zm.boolean(),
  message: zm.string(),
});
export type ExpiryWarning = zm.infer<typeof expiryWarningSchema>;

export const reviewDocumentSchema = zm.object({
  /** Its place in the application's documents: `GET …/documents/{index}` opens it. */
  index: zm.int(),
  purpose: zm.string(),
  fileName: zm.string(),
  contentType: zm.string(),
  size: zm.int(),
  licenseIndex: zm.optional(zm.int()),
  deaIndex: zm.optional(zm.int()),
});

/** `GET /api/admin/clinician/applications/{applicationId}`: every field, as stored. */
export const applicationDetailSchema = zm.object({
  applicationId: zm.string(),
  referenceNumber: zm.string(),
  status: statusSchema,
  email: zm.string(),
  submittedAt: zm.iso.datetime(),
  updatedAt: zm.iso.datetime(),
  /** The answers as submitted (the application contract's output). */
  application: zm.record(zm.string(), zm.unknown()),
  documents: zm.array(reviewDocumentSchema),
  decisions: zm.array(applicationDecisionRecordSchema),
  warnings: zm.array(expiryWarningSchema),
  npiRegistryUrl: zm.string(),
});
export type ApplicationDetail = zm.infer<typeof applicationDetailSchema>;

export const reviewDocumentParamsSchema = z.object({
  applicationId: z.uuid({ error: 'There is no application with this id.' }),
  index: z.coerce.number({ error: 'There is no such document.' }).int().min(0).max(100),
});
