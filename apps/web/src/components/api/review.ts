import type { ApplicationDecided, ApplicationDecisionInput, DocumentLink } from '@telehealth/contracts';
import { type ApiResult, request } from './request';

const base = '/api/admin/clinician/applications';

/** `POST …/{applicationId}/decision` → the new status; 409 when another admin got there first. */
export function decideApplication(
  applicationId: string,
  body: ApplicationDecisionInput,
): Promise<ApiResult<ApplicationDecided>> {
  return request(`${base}/${encodeURIComponent(applicationId)}/decision`, {
    method: 'POST',
    body,
    schema: (s) => s.applicationDecidedSchema,
  });
}

/** `GET …/{applicationId}/documents/{index}` → a presigned link alive 60 seconds. */
export function documentLink(applicationId: string, index: number): Promise<ApiResult<DocumentLink>> {
  return request(`${base}/${encodeURIComponent(applicationId)}/documents/${index}`, {
    method: 'GET',
    schema: (s) => s.documentLinkSchema,
  });
}
