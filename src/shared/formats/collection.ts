import type { FormatDecl } from './types';

/** What this app's own SSH collection adds at the root of its bundle (ssh/service.ts writes both). */
export const COLLECTION_FORMATS: FormatDecl[] = [
  {
    kind: 'probes-json',
    title: { en: "this app's live checks (probes.json)", nl: 'de live controles van deze app (probes.json)' },
    linux: ['**/probes.json'],
  },
  {
    kind: 'collection-manifest',
    title: { en: "this app's collection manifest (manifest.json)", nl: 'het verzamelmanifest van deze app (manifest.json)' },
    linux: ['manifest.json'],
  },
];
