import { waitlistRemoveSchema } from '@telehealth/contracts';
import { parseJsonBody, route } from '@/server/http';
import { waitlistService } from '@/server/waitlist';

/** Removes the entry named by the link in the confirmation email; the link then stops working. */
export const POST = route('waitlist.remove', 'public', async (request, context) => {
  const { entry, token } = await parseJsonBody(request, waitlistRemoveSchema);
  return Response.json(await waitlistService().remove(entry, token, context));
});
