export type * from './model/bundle';
export type * from './model/records';
export type * from './model/analysis';
export type * from './facts';
export * from './catalog';
export * from './ipc/contract';
export type * from './ipc/ssh';
export * from './version';
export * from './redact';
