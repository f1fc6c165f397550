import type {
  ClinicianApplicationAccepted,
  ClinicianApplicationInput,
  PresignUploadRequest,
  PresignUploadResponse,
} from '@telehealth/contracts/client';
import { type ApiResult, request } from './request';

/** `POST /api/uploads/presign` → 200: where and how to upload one document. */
export function presignUpload(body: PresignUploadRequest): Promise<ApiResult<PresignUploadResponse>> {
  return request('/api/uploads/presign', {
    method: 'POST',
    body,
    schema: (s) => s.presignUploadResponseSchema,
  });
}

/** `POST /api/clinician/apply` → 201 with the application's reference number. */
export function submitApplication(
  body: ClinicianApplicationInput,
): Promise<ApiResult<ClinicianApplicationAccepted>> {
  return request('/api/clinician/apply', {
    method: 'POST',
    body,
    schema: (s) => s.clinicianApplicationAcceptedSchema,
  });
}
