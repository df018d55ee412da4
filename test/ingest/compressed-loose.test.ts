import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';

// verbatim waagent.log records (test/fixtures/corpus/waagent/extracted, see its SOURCE.md)
const LOG = '2021-03-31T06:43:17.806663Z WARNING ExtHandler ExtHandler Download failed, switching to host plugin\n2019-11-27T22:22:48.123985Z VERBOSE ExtHandler ExtHandler Report vm agent status\n';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-comp-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loose compressed logs', () => {
  it('a renamed .xz log is inflated (bounded) and placed by its content', async () => {
    const p = join(dir, 'waagent-vm1.log.xz');
    await writeFile(p, execFileSync('xz', ['-c'], { input: LOG }));
    const r = await ingest([p]);
    expect(r.inputs[0].kind).toBe('single-file');
    expect(r.files[0]).toMatchObject({ vmPath: 'var/log/waagent.log', kind: 'waagent-log', size: LOG.length });
    expect(await r.files[0].content.text()).toBe(LOG);
  });

  it('a renamed .gz log keeps its place too', async () => {
    const p = join(dir, 'ticket-4711 agent.txt.gz');
    await writeFile(p, gzipSync(LOG));
    const r = await ingest([p]);
    expect(r.files[0]).toMatchObject({ vmPath: 'var/log/waagent.log', kind: 'waagent-log' });
  });

  it('a .bz2 log says it cannot be opened, and why', async () => {
    const p = join(dir, 'waagent.log.1.bz2');
    await writeFile(p, execFileSync('bzip2', ['-c'], { input: LOG }));
    const r = await ingest([p]);
    expect(r.files[0]).toMatchObject({ vmPath: 'waagent.log.1.bz2', kind: 'other' });
    expect(r.files[0].warnings.map((w) => w.message).join('\n')).toMatch(/bzip2-compressed, which this app does not open/);
  });
});
