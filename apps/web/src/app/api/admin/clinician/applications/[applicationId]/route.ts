import { route } from '@/server/http';
import { applicationIdOf, reviewService } from '@/server/review';

/** Every field of one application, with expiry warnings and the NPI registry link (each read audited). */
export const GET = route<{ applicationId: string }>(
  'admin.applications.detail',
  ['admin'],
  async (_request, context) => {
    const detail = await reviewService().detail(applicationIdOf(context.params), context);
    return Response.json(detail, { headers: { 'cache-control': 'no-store' } });
  },
);
