import { verifyPatientSchema } from '@telehealth/contracts';
import { parseJsonBody, route } from '@/server/http';
import { signupService } from '@/server/signup';

export const POST = route('patient.verify', async (request, context) => {
  const input = await parseJsonBody(request, verifyPatientSchema);
  return Response.json(await signupService().verify(input, context));
});
