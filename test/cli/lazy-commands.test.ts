import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/paths';

const CLI = join(__dirname, '..', '..', 'dist', 'node', 'cli.js');

/** Runs the built CLI in a fresh Node and lists the CommonJS packages it loaded (ssh2 is one; the report's HTML entities another). */
function loadedPackages(args: string[]): string[] {
  const script = `
    const { main } = await import(${JSON.stringify(`file://${CLI}`)});
    const code = await main(${JSON.stringify(args)}, { stdout: () => {}, stderr: (s) => process.stderr.write(s) });
    const { createRequire } = await import('node:module');
    const cache = createRequire(import.meta.url).cache;
    const names = new Set(Object.keys(cache).map((p) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(p)?.[1]).filter(Boolean));
    process.stdout.write(JSON.stringify({ code, names: [...names] }));`;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
  expect(out.code).toBe(0);
  return out.names;
}

describe('CLI start-up', () => {
  it('the built CLI exists (npm test builds first)', () => {
    expect(existsSync(CLI)).toBe(true);
  });

  it('analyze does not load the SSH client (collect) or the report renderers (report)', () => {
    const analyze = loadedPackages(['analyze', SAMPLE, '--format', 'json']);
    expect(analyze).toContain('yauzl'); // the zip reader is loaded: the listing works
    expect(analyze).not.toContain('ssh2');
    expect(analyze).not.toContain('entities'); // HTML escaping of the report renderer
    const version = loadedPackages(['--version']);
    expect(version).not.toContain('ssh2');
  });
});
