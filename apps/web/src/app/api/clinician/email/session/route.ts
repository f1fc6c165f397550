import { readCookie, setCookie } from '@/server/cookies';
import { applicantEmailService } from '@/server/email-verification';
import { APPLICANT_COOKIE } from '@/server/email-verification/applicant';
import { ApiError, route } from '@/server/http';

/** Which email this browser has proven for the application, and until when; 401 when none. */
export const GET = route('clinician.email.session', 'public', async (request, context) => {
  const proven = await applicantEmailService().proven(readCookie(request, APPLICANT_COOKIE), context.now);
  if (!proven) throw new ApiError('unauthenticated', 'Confirm your email address to continue.');
  return Response.json(proven, { headers: { 'cache-control': 'no-store' } });
});

/** Forgets this browser's proof ("Start over", or leaving a shared computer): 204, always. */
export const DELETE = route('clinician.email.session.delete', 'public', async () => {
  return new Response(null, { status: 204, headers: { 'set-cookie': setCookie(APPLICANT_COOKIE, '', 0) } });
});
