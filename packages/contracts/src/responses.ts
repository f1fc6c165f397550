/**
 * Response bodies that are not tied to one feature: the one error shape (the zod twin of
 * `ApiErrorBody`, so clients can parse an answer and the OpenAPI document can show it) and health.
 * Defined with `zod/mini` in `./response-schemas`, so the browser can parse them cheaply.
 */
import type { z } from 'zod/mini';
import type { ApiErrorBody } from './errors';
import type { apiErrorBodySchema } from './response-schemas';

export {
  apiErrorBodySchema,
  type CodeSent,
  codeSentSchema,
  errorCodes,
  fieldIssueSchema,
  type HealthStatus,
  healthStatusSchema,
} from './response-schemas';

// Fails to compile when the schema and the interface drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const errorBodyMatches: Same<z.infer<typeof apiErrorBodySchema>, ApiErrorBody> = true;
void errorBodyMatches;
