import { confirmTotpSchema } from '@telehealth/contracts';
import { readCookie } from '@/server/cookies';
import { parseJsonBody, route } from '@/server/http';
import { staffService, TICKET_COOKIE } from '@/server/staff';

/** The authenticator set-up of a sign-in in progress (the ticket cookie): QR code, manual key, URI. */
export const GET = route('staff.totp.enrolment', 'public', async (request, context) => {
  const details = await staffService().enrolment(readCookie(request, TICKET_COOKIE), context);
  return Response.json(details, { headers: { 'cache-control': 'no-store' } });
});

/** Confirms the set-up with the app's first code; answers the 10 backup codes, shown this once. */
export const POST = route('staff.totp.confirm', 'public', async (request, context) => {
  const { code } = await parseJsonBody(request, confirmTotpSchema);
  const codes = await staffService().confirmEnrolment(readCookie(request, TICKET_COOKIE), code, context);
  return Response.json(codes, { headers: { 'cache-control': 'no-store' } });
});
