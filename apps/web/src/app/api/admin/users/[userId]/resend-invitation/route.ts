import { staffUserIdParamsSchema } from '@telehealth/contracts';
import { ApiError, route } from '@/server/http';
import { staffService } from '@/server/staff';

/** A new invitation link for a person who has not accepted yet; the previous link stops working. */
export const POST = route<{ userId: string }>(
  'admin.users.resend-invitation',
  ['admin'],
  async (_request, context) => {
    const params = staffUserIdParamsSchema.safeParse(context.params);
    if (!params.success) throw new ApiError('not_found', 'There is no staff user with this id.');
    return Response.json(await staffService().resendInvitation(params.data.userId, context));
  },
);
