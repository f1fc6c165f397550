import { staffSignInSchema } from '@telehealth/contracts';
import { setCookie } from '@/server/cookies';
import { parseJsonBody, route } from '@/server/http';
import { staffService, TICKET_COOKIE } from '@/server/staff';
import { TICKET_MINUTES } from '@/server/staff/service';

/**
 * Step one of a staff sign-in: email and password. 200 with the next step (a code, TOTP set-up, or
 * none) and the ticket cookie; 401 with one message for every refusal (unknown, wrong, locked).
 * Step two is next-auth's `staff` credentials provider, which spends the ticket.
 */
export const POST = route('staff.sign-in', 'public', async (request, context) => {
  const input = await parseJsonBody(request, staffSignInSchema);
  const { ticket, next } = await staffService().startSignIn(input, context);
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
