export * from './application';
export * from './identifiers';
export * from './review';
