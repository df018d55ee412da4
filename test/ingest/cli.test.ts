import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli';
import { collectorZip, sosreportTarXz, writeFolder } from '../fixtures/generate';
import { realisticVmState, type VmState } from '../fixtures/vm-state';

/** `vmbackup-doctor analyze <input> --format json` lists each input with its kind, file count and warnings. */

let dir: string;
let state: VmState;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-cli-ingest-'));
  state = realisticVmState();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function analyzeJson(...paths: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['analyze', ...paths, '--format', 'json'], { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });
  return { code, doc: code === 0 ? JSON.parse(out.join('')) : undefined, err: err.join('') };
}

describe('vmbackup-doctor analyze --format json, per input kind', () => {
  it('a folder', async () => {
    const root = await writeFolder(state, join(dir, 'vm'));
    const { code, doc } = await analyzeJson(root);
    expect(code).toBe(0);
    expect(doc.inputs).toEqual([{ path: root, kind: 'folder', files: state.size, warnings: [] }]);
    expect(doc.files.map((f: { path: string }) => f.path).sort()).toEqual([...state.keys()].sort());
  });

  it('a collector logs.zip, with a truncated member and history zips', async () => {
    const p = join(dir, 'logs.zip');
    await writeFile(p, collectorZip(state, { truncate: ['var/log/syslog'], tailBytes: 200 }));
    const { code, doc } = await analyzeJson(p);
    expect(code).toBe(0);
    expect(doc.inputs[0]).toMatchObject({ path: p, kind: 'waagent-logcollector-zip', warnings: [] });
    // the newest history folder is not in a collector zip; results.txt is added
    expect(doc.inputs[0].files).toBe(state.size - 6 + 1);
    const syslog = doc.files.find((f: { path: string }) => f.path === 'var/log/syslog');
    expect(syslog).toMatchObject({ kind: 'syslog', truncated: true, size: 200 });
    // rotated agent logs listed oldest → newest, the .gz one inflated
    const logs = doc.files.filter((f: { path: string }) => f.path.startsWith('var/log/waagent.log'));
    expect(logs.map((f: { path: string }) => f.path)).toEqual(['var/log/waagent.log.2.gz', 'var/log/waagent.log.1', 'var/log/waagent.log']);
    expect(logs[0].size).toBeGreaterThan(state.get('var/log/waagent.log.2.gz')!.length);
  });

  it('a sosreport .tar.xz', async () => {
    const p = await sosreportTarXz(state, join(dir, 'sos'));
    const { code, doc } = await analyzeJson(p);
    expect(code).toBe(0);
    expect(doc.inputs[0]).toMatchObject({ path: p, kind: 'sosreport', files: state.size + 2, warnings: [] });
  });

  it('a loose file, and several inputs at once', async () => {
    const log = join(dir, 'extension.log');
    await writeFile(log, state.get('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log')!);
    const conf = join(dir, 'waagent.conf');
    await writeFile(conf, state.get('etc/waagent.conf')!);
    const { code, doc } = await analyzeJson(log, conf);
    expect(code).toBe(0);
    expect(doc.inputs).toHaveLength(2);
    expect(doc.inputs[0]).toMatchObject({ path: log, kind: 'single-file', files: 1 });
    // a guessed placement is said out loud
    expect(doc.inputs[0].warnings[0]).toMatch(/loose file, placed at \/var\/log\/azure\/Microsoft\.Azure\.RecoveryServices\.VMSnapshotLinux\/extension\.log/);
    expect(doc.inputs[1]).toEqual({ path: conf, kind: 'single-file', files: 1, warnings: [] });
    expect(doc.files.map((f: { kind: string }) => f.kind)).toEqual(['vmsnapshot-extension-log', 'waagent-conf']);
  });

  it('a hostile zip still analyses, and its warnings reach the JSON', async () => {
    const { zipSync } = await import('fflate');
    const p = join(dir, 'hostile.zip');
    await writeFile(p, zipSync({ 'var/log/waagent.log': new Uint8Array(state.get('var/log/waagent.log')!), '../../etc/passwd': new Uint8Array([1]) }));
    const { code, doc } = await analyzeJson(p);
    expect(code).toBe(0);
    expect(doc.inputs[0].files).toBe(1);
    expect(doc.inputs[0].warnings.join()).toMatch(/refused entry "..\/..\/etc\/passwd": path escapes the bundle/);
    expect(doc.warnings.map((w: { message: string }) => w.message).join()).toMatch(/path escapes the bundle/);
  });
});

describe('vmbackup-doctor analyze - (standard input)', () => {
  it('reads pasted text from stdin, recognises it by content, and keeps the JSON form', async () => {
    const out: string[] = [];
    // e-mail quoted excerpt of a real waagent.log record (test/fixtures/corpus/waagent/extracted, see its SOURCE.md)
    const pasted = '> 2021-03-31T06:43:17.806663Z WARNING ExtHandler ExtHandler Download failed, switching to host plugin\n';
    const code = await main(['analyze', '-', '--format', 'json'], { stdout: (s) => void out.push(s), stderr: () => {}, stdin: async () => pasted });
    expect(code).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(json.inputs[0]).toMatchObject({ path: 'pasted text', kind: 'pasted-text' });
    expect(json.files).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'var/log/waagent.log', kind: 'waagent-log' })]));
  });
});
