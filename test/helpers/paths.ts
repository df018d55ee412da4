import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = join(ROOT, '..', 'shared');
export const CORPUS = join(SHARED, 'corpus');
export const SAMPLE = join(ROOT, 'assets', 'sample', 'logs.zip');
export const DIST_WORKER = join(ROOT, 'dist', 'node', 'analysis-worker.js');
export const TEST_RESULTS = join(ROOT, 'test-results');
