/**
 * The browser's API client: one function per endpoint, typed from `@telehealth/contracts`, each
 * parsing its answer with the contract's response schema, and one `describeFailure()` for what to say
 * when a call did not succeed. Every function resolves to an `ApiResult` and never throws.
 *
 * The functions live in small modules (signup, applicant, applications) so a page bundles only the
 * ones it calls; the landing page imports `./signup` and `./describe-failure` directly.
 */
export {
  forgetApplicantSession,
  getApplicantSession,
  requestApplicantCode,
  verifyApplicantCode,
} from './applicant';
export { presignUpload, submitApplication } from './applications';
export {
  type DescribeFailureOptions,
  describeFailure,
  type Unreachable,
  unreachable,
} from './describe-failure';
export { type ApiResult, parseRetryAfter, REQUEST_TIMEOUT_MS } from './request';
export { requestSignupCode, verifySignupCode } from './signup';
