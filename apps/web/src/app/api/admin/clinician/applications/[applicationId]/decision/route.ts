import { applicationDecisionSchema } from '@telehealth/contracts';
import { parseJsonBody, route } from '@/server/http';
import { applicationIdOf, reviewService } from '@/server/review';

/** An admin moves an application along (start review, request information, approve, reject); 409 if another got there first. */
export const POST = route<{ applicationId: string }>(
  'admin.applications.decide',
  ['admin'],
  async (request, context) => {
    const input = await parseJsonBody(request, applicationDecisionSchema);
    return Response.json(await reviewService().decide(applicationIdOf(context.params), input, context));
  },
);
