import { route } from '@/server/http';
import { staffService, staffUserIdOf } from '@/server/staff';

/** A new invitation link for a person who has not accepted yet; the previous link stops working. */
export const POST = route<{ userId: string }>(
  'admin.users.resend-invitation',
  ['admin'],
  async (_request, context) => {
    return Response.json(await staffService().resendInvitation(staffUserIdOf(context.params), context));
  },
);
