import { makeWaitlistVerifySchema } from '@telehealth/contracts';
import { readBinding } from '@/server/cookies';
import { publicConfig } from '@/server/env';
import { parseJsonBody, route } from '@/server/http';
import { waitlistService } from '@/server/waitlist';

const schema = makeWaitlistVerifySchema(publicConfig.servedStates);

/** A right code (from the browser that asked) stores the entry with its consent; 201. */
export const POST = route('waitlist.verify', 'public', async (request, context) => {
  const input = await parseJsonBody(request, schema);
  const result = await waitlistService().join(input, readBinding(request), context);
  return Response.json(result, { status: 201 });
});
