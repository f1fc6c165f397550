import 'server-only';
import { StaffUserRepository } from '@telehealth/data';
import { dynamoDocumentClient } from '../aws';
import { serverEnv } from '../env';

let shared: StaffUserRepository | undefined;

/** The staff users repository on the configured table. */
export function staffUsers(): StaffUserRepository {
  shared ??= new StaffUserRepository(dynamoDocumentClient(), serverEnv().tableNames.staffUsers);
  return shared;
}
