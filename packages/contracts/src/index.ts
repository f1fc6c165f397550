export * from './clinician';
export * from './errors';
export * from './issues';
export * from './patient';
export * from './states';
