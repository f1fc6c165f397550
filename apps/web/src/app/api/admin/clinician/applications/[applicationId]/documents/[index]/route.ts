import { route } from '@/server/http';
import { documentParamsOf, reviewService } from '@/server/review';

/**
 * A presigned S3 GET of one document that lives 60 seconds (a PDF or an image inline, anything else
 * as an attachment). Each view is audited.
 */
export const GET = route<{ applicationId: string; index: string }>(
  'admin.applications.document',
  ['admin'],
  async (_request, context) => {
    const { applicationId, index } = documentParamsOf(context.params);
    const link = await reviewService().documentLink(applicationId, index, context);
    return Response.json(link, { headers: { 'cache-control': 'no-store' } });
  },
);
