import { makeClinicianApplicationSchema } from '@telehealth/contracts';
import { applicationService } from '@/server/applications';
import { readCookie } from '@/server/cookies';
import { applicantEmailService } from '@/server/email-verification';
import { APPLICANT_COOKIE } from '@/server/email-verification/applicant';
import { publicConfig } from '@/server/env';
import { parseJsonBody, route } from '@/server/http';

const clinicianApplicationSchema = makeClinicianApplicationSchema(publicConfig.servedStates);

/**
 * Submits a clinician application from a browser that proved the applicant's email (the applicant
 * cookie): 201 with the reference number, the same for a replayed submit.
 */
export const POST = route('clinician.apply', 'public', async (request, context) => {
  // Up to 30 jobs with explanations: larger than the default body limit.
  const input = await parseJsonBody(request, clinicianApplicationSchema, { maxBytes: 256 * 1024 });
  const proven = await applicantEmailService().proven(readCookie(request, APPLICANT_COOKIE), context.now);
  const { replayed, ...accepted } = await applicationService().submit(input, proven?.email, context);
  return Response.json(accepted, { status: 201, headers: replayed ? { 'idempotent-replayed': 'true' } : {} });
});
