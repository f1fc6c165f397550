import { makeClinicianApplicationSchema } from '@telehealth/contracts';
import { applicationService } from '@/server/applications';
import { publicConfig } from '@/server/env';
import { parseJsonBody, route } from '@/server/http';

const clinicianApplicationSchema = makeClinicianApplicationSchema(publicConfig.servedStates);

/** Submits a clinician application: 201 with the reference number, the same for a replayed submit. */
export const POST = route('clinician.apply', async (request, context) => {
  // Up to 30 jobs with explanations: larger than the default body limit.
  const input = await parseJsonBody(request, clinicianApplicationSchema, { maxBytes: 256 * 1024 });
  const { replayed, ...accepted } = await applicationService().submit(input, context);
  return Response.json(accepted, { status: 201, headers: replayed ? { 'idempotent-replayed': 'true' } : {} });
});
