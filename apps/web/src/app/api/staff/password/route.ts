import { changePasswordSchema, staffRoles } from '@telehealth/contracts';
import { parseJsonBody, route, staffActor } from '@/server/http';
import { staffService } from '@/server/staff';
import { clearedSessionCookie } from '@/server/staff/session';

/**
 * Changes the signed-in person's password with the current one. Every session ends, this one
 * included (session version): 204, the cookie cleared, and the person signs in again.
 */
export const POST = route('staff.password', staffRoles, async (request, context) => {
  const input = await parseJsonBody(request, changePasswordSchema);
  await staffService().changePassword(staffActor(context).userId, input, context);
  return new Response(null, { status: 204, headers: { 'set-cookie': clearedSessionCookie() } });
});
