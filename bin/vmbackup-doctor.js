#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm run build` into dist/node/cli.js.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'node', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('vmbackup-doctor: not built yet. Run `npm run build` first.\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
