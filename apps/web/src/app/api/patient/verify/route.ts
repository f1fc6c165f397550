import { verifyPatientSchema } from '@telehealth/contracts';
import { readBinding } from '@/server/cookies';
import { parseJsonBody, route } from '@/server/http';
import { signupService } from '@/server/signup';

/** Confirms the email with the code, from the browser that asked for it (its signup cookie). */
export const POST = route('patient.verify', 'public', async (request, context) => {
  const input = await parseJsonBody(request, verifyPatientSchema);
  return Response.json(await signupService().verify(input, readBinding(request), context));
});
