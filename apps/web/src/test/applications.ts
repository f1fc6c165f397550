import { makeClinicianApplicationSchema } from '@telehealth/contracts';
import { clinicianApplicationInput, isoDateInDays } from '@telehealth/contracts/fixtures';
import {
  type ClinicianApplicationRecord,
  ClinicianApplicationRepository,
  type StoredDocument,
} from '@telehealth/data';
import { dynamoDocumentClient } from '@/server/aws';
import { publicConfig, serverEnv } from '@/server/env';

export const applicationsTable = () =>
  new ClinicianApplicationRepository(dynamoDocumentClient(), serverEnv().tableNames.clinicianApplications);

/**
 * A submitted application written straight to the table with its open-application lock, as the
 * submit transaction writes it (the submit path, with its uploads, has its own tests).
 */
export async function storeApplication(
  options: { email?: string; submittedAt?: Date; documents?: StoredDocument[]; legalLastName?: string } = {},
): Promise<ClinicianApplicationRecord> {
  const raw = clinicianApplicationInput({
    ...(options.email ? { email: options.email } : {}),
    ...(options.legalLastName
      ? {
          legalLastName: options.legalLastName,
          signature: {
            typedName: `Maria ${options.legalLastName}`,
            signedOn: isoDateInDays(0),
          },
        }
      : {}),
  });
  const input = makeClinicianApplicationSchema(publicConfig.servedStates).parse(raw);
  const { documents: _refs, idempotencyKey, draftId, email, ...application } = input;
  const at = (options.submittedAt ?? new Date()).toISOString();
  const record: ClinicianApplicationRecord = {
    applicationId: idempotencyKey,
    referenceNumber: `CA-${idempotencyKey.slice(0, 8).toUpperCase()}`,
    status: 'SUBMITTED',
    email,
    submittedAt: at,
    updatedAt: at,
    draftId,
    documents: options.documents ?? [],
    application,
  };
  const outcome = await applicationsTable().create(record);
  if (outcome.outcome !== 'created')
    throw new Error(`could not store a test application: ${outcome.outcome}`);
  return record;
}
