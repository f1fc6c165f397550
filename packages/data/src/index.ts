export * from './bootstrap';
export * from './client';
export * from './repositories/audit';
export * from './repositories/clinician-applications';
export * from './repositories/patients';
export * from './repositories/rate-limits';
export * from './tables';
