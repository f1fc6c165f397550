import { presignUploadRequestSchema } from '@telehealth/contracts';
import { parseJsonBody, route } from '@/server/http';
import { uploadService } from '@/server/uploads';

/** A presigned PUT for one application document; the browser uploads straight to S3. */
export const POST = route('uploads.presign', 'public', async (request, context) => {
  const input = await parseJsonBody(request, presignUploadRequestSchema);
  return Response.json(await uploadService().presign(input, context));
});
