import { staffRoles } from '@telehealth/contracts';
import { toStaffUser } from '@telehealth/data';
import { ApiError, route, staffActor } from '@/server/http';
import { staffUsers } from '@/server/staff/repository';

/** The signed-in staff user: name, email, role, whether TOTP is set up. */
export const GET = route('staff.me', staffRoles, async (_request, context) => {
  const user = await staffUsers().get(staffActor(context).userId);
  if (!user) throw new ApiError('unauthenticated', 'Sign in to the portal to do this.');
  return Response.json({ user: toStaffUser(user) }, { headers: { 'cache-control': 'no-store' } });
});
