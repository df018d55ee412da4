export type * from './model/bundle';
export type * from './model/records';
export type * from './model/analysis';
export type * from './facts';
export * from './catalog';
// Types only: the channel map (with its zod schemas) is imported from './ipc/contract' by main and the preload.
export type * from './ipc/contract';
export type * from './ipc/ssh';
export * from './version';
export * from './redact';
export * from './bookmarks';
