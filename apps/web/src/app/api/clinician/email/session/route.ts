import { readCookie } from '@/server/cookies';
import { applicantEmailService } from '@/server/email-verification';
import { APPLICANT_COOKIE } from '@/server/email-verification/applicant';
import { ApiError, route } from '@/server/http';

/** Which email this browser has proven for the application, and until when; 401 when none. */
export const GET = route('clinician.email.session', async (request, context) => {
  const proven = await applicantEmailService().proven(readCookie(request, APPLICANT_COOKIE), context.now);
  if (!proven) throw new ApiError('unauthenticated', 'Confirm your email address to continue.');
  return Response.json(proven, { headers: { 'cache-control': 'no-store' } });
});
