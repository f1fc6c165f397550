/**
 * The review's vocabulary, free of zod so the browser's response schemas (`../response-schemas`)
 * can use it without the full contract.
 */

/** Where an application is in review; the portal moves it along these. */
export const clinicianApplicationStatuses = [
  'SUBMITTED',
  'IN_REVIEW',
  'INFO_REQUESTED',
  'APPROVED',
  'REJECTED',
] as const;
export type ClinicianApplicationStatus = (typeof clinicianApplicationStatuses)[number];

/** What an admin may do with an application (docs/portal.md, "Application review"). */
export const applicationDecisionActions = ['start_review', 'request_info', 'approve', 'reject'] as const;
export type ApplicationDecisionAction = (typeof applicationDecisionActions)[number];
