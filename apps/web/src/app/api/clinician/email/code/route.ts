import { requestEmailCodeSchema } from '@telehealth/contracts';
import { bindingFor } from '@/server/cookies';
import { applicantEmailService } from '@/server/email-verification';
import { parseJsonBody, route } from '@/server/http';

/** Emails a 6-digit code to a clinician applicant; the signup cookie binds it to this browser. */
export const POST = route('clinician.email.code', 'public', async (request, context) => {
  const { email } = await parseJsonBody(request, requestEmailCodeSchema);
  const binding = bindingFor(request);
  const result = await applicantEmailService().requestCode(email, binding.id, context);
  return Response.json(result, { status: 202, headers: { 'set-cookie': binding.setCookie } });
});
