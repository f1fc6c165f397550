import { staffRoles } from '@telehealth/contracts';
import { route, staffActor } from '@/server/http';
import { staffService } from '@/server/staff';
import { clearedSessionCookie } from '@/server/staff/session';

/**
 * Signs the person out everywhere: the session version moves on, so this cookie and any copy of it
 * stop working at once (a JWT cannot be recalled). 204, and the cookie is cleared.
 */
export const POST = route('staff.sign-out', staffRoles, async (_request, context) => {
  await staffService().revokeSessions(staffActor(context).userId, 'sign-out', context);
  return new Response(null, { status: 204, headers: { 'set-cookie': clearedSessionCookie() } });
});
