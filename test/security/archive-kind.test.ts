/**
 * Issue 22 point 1: one archive-type detector (src/main/ingest/archive-kind.ts). Inputs on disk and
 * archives nested in archives are recognised by the same function, and no other source file tests
 * archive magic bytes itself.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { archiveKind } from '../../src/main/ingest/archive-kind';
import { tarOf, zipOf } from './hostile';

const ROOT = join(__dirname, '..', '..');
const tar = tarOf([{ name: 'var/log/waagent.log', data: Buffer.from('2026-11-20T09:14:03.123456Z INFO Daemon hello\n') }]);

describe('one archive-type detector', () => {
  it('names zip, tar, tar.gz and tar.xz by content; a .gz log and plain text are not archives', () => {
    expect(archiveKind(zipOf({ 'a.log': Buffer.from('x') }))).toBe('zip');
    expect(archiveKind(tar)).toBe('tar');
    expect(archiveKind(gzipSync(tar))).toBe('tar.gz');
    expect(archiveKind(execFileSync('xz', ['-c'], { input: tar }))).toBe('tar.xz');
    expect(archiveKind(gzipSync(Buffer.from('2026-11-20 a log line\n')))).toBeUndefined();
    // a tar.gz whose first header is past the sniffed head: the name decides
    expect(archiveKind(gzipSync(Buffer.from('x')).subarray(0, 10), 'bundle.tgz')).toBe('tar.gz');
    expect(archiveKind(Buffer.from('2026-11-20 plain text'))).toBeUndefined();
  });

  it('no other source file tests archive magic bytes', () => {
    const magic = [/0x1f[^\n]{0,40}0x8b/, /0x50[^\n]{0,40}0x4b/, /'ustar'/, /0xfd[^\n]{0,20}0x37/];
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(n) && !p.endsWith(join('ingest', 'archive-kind.ts')) && !p.endsWith(join('ingest', 'inflate.ts'))) {
          const text = readFileSync(p, 'utf8');
          if (magic.some((re) => re.test(text))) offenders.push(p.slice(ROOT.length + 1));
        }
      }
    };
    walk(join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});
