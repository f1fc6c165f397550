import { makeProvisionalPatientSchema } from '@telehealth/contracts';
import { bindingFor } from '@/server/cookies';
import { publicConfig } from '@/server/env';
import { parseJsonBody, route } from '@/server/http';
import { signupService } from '@/server/signup';

const provisionalPatientSchema = makeProvisionalPatientSchema(publicConfig.servedStates);

/**
 * Starts a patient signup: 202 whether or not the email was known, so it never reveals accounts.
 * The signup cookie binds the code to this browser; only this browser can verify it.
 */
export const POST = route('patient.provisional', 'public', async (request, context) => {
  const input = await parseJsonBody(request, provisionalPatientSchema);
  const binding = bindingFor(request);
  const result = await signupService().requestCode(input, binding.id, context);
  return Response.json(result, { status: 202, headers: { 'set-cookie': binding.setCookie } });
});
