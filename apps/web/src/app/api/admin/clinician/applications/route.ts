import { route } from '@/server/http';
import { queueQueryOf, reviewService } from '@/server/review';

/** The review queue: one status, newest first, with counts; `q` searches name and email. */
export const GET = route('admin.applications.queue', ['admin'], async (request) => {
  return Response.json(await reviewService().queue(queueQueryOf(request)), {
    headers: { 'cache-control': 'no-store' },
  });
});
