import { z } from 'zod';
import { type ApiErrorBody, type ErrorCode, errorStatus } from './errors';

/**
 * Response bodies that are not tied to one feature: the one error shape (the zod twin of
 * `ApiErrorBody`, so clients can parse an answer and the OpenAPI document can show it) and health.
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
    issues: z.array(fieldIssueSchema).optional(),
  }),
});

// Fails to compile when the schema and the interface drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const errorBodyMatches: Same<z.infer<typeof apiErrorBodySchema>, ApiErrorBody> = true;
void errorBodyMatches;

/** `GET /api/health`. */
export const healthStatusSchema = z.object({ status: z.literal('ok') });
export type HealthStatus = z.infer<typeof healthStatusSchema>;
