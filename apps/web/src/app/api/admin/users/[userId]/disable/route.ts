import { route, staffActor } from '@/server/http';
import { staffService, staffUserIdOf } from '@/server/staff';

/** An admin disables a person: sign-in refused and every session ended at once (audited). */
export const POST = route<{ userId: string }>('admin.users.disable', ['admin'], async (_request, context) => {
  const user = await staffService().disable(
    staffUserIdOf(context.params),
    context,
    staffActor(context).userId,
  );
  return Response.json({ user });
});
