import { makeWaitlistCodeSchema } from '@telehealth/contracts';
import { bindingFor } from '@/server/cookies';
import { publicConfig } from '@/server/env';
import { parseJsonBody, route } from '@/server/http';
import { waitlistService } from '@/server/waitlist';

const schema = makeWaitlistCodeSchema(publicConfig.servedStates);

/** Emails a 6-digit code to prove the address; nothing about the person is stored yet. */
export const POST = route('waitlist.code', 'public', async (request, context) => {
  const { email } = await parseJsonBody(request, schema);
  const binding = bindingFor(request);
  const result = await waitlistService().requestCode(email, binding.id, context);
  return Response.json(result, { status: 202, headers: { 'set-cookie': binding.setCookie } });
});
