import type { FormatDecl } from './types';

/** What this app's own SSH collection adds at the root of its bundle (ssh/service.ts writes both). */
export const COLLECTION_FORMATS: FormatDecl[] = [
  {
    kind: 'probes-json',
    title: "this app's live checks (probes.json)",
    linux: ['**/probes.json'],
  },
  {
    kind: 'collection-manifest',
    title: "this app's collection manifest (manifest.json)",
    linux: ['manifest.json'],
  },
];
