import { inviteStaffSchema } from '@telehealth/contracts';
import { auditActor, parseJsonBody, route } from '@/server/http';
import { staffService } from '@/server/staff';

/** An admin invites a person (name, email, role): 201, and the invitation email with a 72-hour link. */
export const POST = route('admin.users.invite', ['admin'], async (request, context) => {
  const input = await parseJsonBody(request, inviteStaffSchema);
  const sent = await staffService().invite(input, context, auditActor(context.actor));
  return Response.json(sent, { status: 201 });
});

/** Every staff user, newest first (an admin's staff page). */
export const GET = route('admin.users.list', ['admin'], async () => {
  return Response.json({ users: await staffService().list() }, { headers: { 'cache-control': 'no-store' } });
});
