import { verifyEmailCodeSchema } from '@telehealth/contracts';
import { readBinding, setCookie } from '@/server/cookies';
import { applicantEmailService } from '@/server/email-verification';
import { APPLICANT_COOKIE, APPLICANT_PROOF_SECONDS } from '@/server/email-verification/applicant';
import { parseJsonBody, route } from '@/server/http';

/** Checks the applicant's code; on success an HttpOnly cookie carries the proof to the submit. */
export const POST = route('clinician.email.verify', 'public', async (request, context) => {
  const { email, code } = await parseJsonBody(request, verifyEmailCodeSchema);
  const { token, ...verified } = await applicantEmailService().verify(
    email,
    code,
    readBinding(request),
    context,
  );
  return Response.json(verified, {
    headers: { 'set-cookie': setCookie(APPLICANT_COOKIE, token, APPLICANT_PROOF_SECONDS) },
  });
});
