import type { ClinicianApplicationStatus } from '@telehealth/contracts';

export const statusLabels: Record<ClinicianApplicationStatus, string> = {
  SUBMITTED: 'Submitted',
  IN_REVIEW: 'In review',
  INFO_REQUESTED: 'Information requested',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
};

/** What an empty tab says, for people rather than for the database. */
export const emptyMessages: Record<ClinicianApplicationStatus, string> = {
  SUBMITTED: 'No new applications are waiting. New ones appear here as clinicians submit them.',
  IN_REVIEW: 'Nobody is reviewing an application right now.',
  INFO_REQUESTED: 'No applicant owes us information right now.',
  APPROVED: 'No application has been approved yet.',
  REJECTED: 'No application has been rejected.',
};
