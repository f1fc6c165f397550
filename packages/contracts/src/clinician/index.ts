export * from './application';
export * from './identifiers';
