import { route } from '@/server/http';
import { staffService, staffUserIdOf } from '@/server/staff';

/** An admin ends a sign-in lock before its 30 minutes (audited). */
export const POST = route<{ userId: string }>('admin.users.unlock', ['admin'], async (_request, context) => {
  return Response.json({ user: await staffService().unlock(staffUserIdOf(context.params), context) });
});
