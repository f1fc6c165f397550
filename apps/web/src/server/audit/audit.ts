import 'server-only';
import { type AuditEventInput, AuditRepository } from '@telehealth/data';
import { dynamoDocumentClient } from '../aws';
import { serverEnv } from '../env';
import { auditActor, type RequestContext } from '../http';

/** What a service says happened; who did it, the request and the address come from the context. */
export type AuditEntry = Omit<AuditEventInput, 'actor' | 'requestId' | 'sourceIp'>;

/** Writes one audit event for a read or change of patient or clinician data, tied to the request. */
export class AuditTrail {
  constructor(private readonly repo: AuditRepository) {}

  /** The event as a put for the same transaction as the change, so neither exists without the other. */
  transactionPut(entry: AuditEntry, context: RequestContext) {
    return this.repo.transactionPut(
      { ...entry, actor: auditActor(context.actor), requestId: context.requestId, sourceIp: context.ip },
      context.now,
    );
  }

  async record(entry: AuditEntry, context: RequestContext): Promise<void> {
    await this.repo.record(
      { ...entry, actor: auditActor(context.actor), requestId: context.requestId, sourceIp: context.ip },
      context.now,
    );
  }
}

let shared: AuditTrail | undefined;

/** The audit trail wired to the configured audit table. */
export function auditTrail(): AuditTrail {
  shared ??= new AuditTrail(new AuditRepository(dynamoDocumentClient(), serverEnv().tableNames.audit));
  return shared;
}
