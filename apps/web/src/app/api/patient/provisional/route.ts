import { makeProvisionalPatientSchema } from '@telehealth/contracts';
import { publicConfig } from '@/server/env';
import { parseJsonBody, route } from '@/server/http';
import { signupService } from '@/server/signup';

const provisionalPatientSchema = makeProvisionalPatientSchema(publicConfig.servedStates);

/** Starts a patient signup: 202 whether or not the email was known, so it never reveals accounts. */
export const POST = route('patient.provisional', async (request, context) => {
  const input = await parseJsonBody(request, provisionalPatientSchema);
  const result = await signupService().requestCode(input, context);
  return Response.json(result, { status: 202 });
});
