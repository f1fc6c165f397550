import { acceptInvitationSchema } from '@telehealth/contracts';
import { setCookie } from '@/server/cookies';
import { parseJsonBody, route } from '@/server/http';
import { staffService, TICKET_COOKIE } from '@/server/staff';
import { TICKET_MINUTES } from '@/server/staff/service';

/**
 * Sets the password from an invitation link (once, within 72 hours). The answer says the next step
 * of the first sign-in (TOTP set-up for admins and marketers); the ticket cookie carries it.
 */
export const POST = route('staff.invitation.accept', 'public', async (request, context) => {
  const input = await parseJsonBody(request, acceptInvitationSchema);
  const { ticket, next } = await staffService().acceptInvitation(input, context);
  return Response.json(
    { next },
    {
      headers: {
        'set-cookie': setCookie(TICKET_COOKIE, ticket, TICKET_MINUTES * 60),
        'cache-control': 'no-store',
      },
    },
  );
});
