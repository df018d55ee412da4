export * from './types';
export * from './causes';
export * from './portal-codes';
export * from './known-bad-agents';
export * from './links';
