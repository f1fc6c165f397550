export * from './clinician';
export * from './email-verification';
export * from './errors';
export * from './issues';
export * from './patient';
export * from './responses';
export * from './states';
export * from './text';
