import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Real agent and extension files (Apache-2.0, see test/fixtures/corpus/README.md). */
export const CORPUS = join(ROOT, 'test', 'fixtures', 'corpus');
/** The Microsoft troubleshooting article the project was built from (test/fixtures/seed/SOURCE.md). */
export const SEED_ARTICLE = join(ROOT, 'test', 'fixtures', 'seed', '000_8c11040384a68fb9.txt');
/** The cause ids and JSON contract. */
export const CONTRACT = join(ROOT, 'docs', 'CONTRACT.md');
export const SAMPLE = join(ROOT, 'assets', 'sample', 'logs.zip');
export const DIST_WORKER = join(ROOT, 'dist', 'node', 'analysis-worker.js');
export const TEST_RESULTS = join(ROOT, 'test-results');
