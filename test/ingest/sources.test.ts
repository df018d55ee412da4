import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { warningIn } from '../../src/shared/i18n/analysis';
import type { IngestedFile } from '../../src/main/ingest/types';
import { collectorZip, looseFiles, sosreportTarXz, writeFolder } from '../fixtures/generate';
import { realisticVmState, type VmState } from '../fixtures/vm-state';

let dir: string;
let state: VmState;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-ingest-'));
  state = realisticVmState();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const text = async (f: IngestedFile) => (await f.content.text()).toString();
const byPath = (files: IngestedFile[]) => new Map(files.map((f) => [f.vmPath, f]));

function tarOf(root: string, out: string, flags: string, top = '.') {
  execFileSync('tar', ['--sort=name', '--mtime=@1795000000', flags, out, '-C', root, top]);
  return out;
}

describe('ingest: the waagent -collect-logs logs.zip', () => {
  it('maps members to VM paths, expands history zips, maps truncated_ members back, inflates .gz', async () => {
    const p = join(dir, 'logs.zip');
    await writeFile(p, collectorZip(state, { truncate: ['var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log'], tailBytes: 400 }));
    const r = await ingest([p]);
    expect(r.inputs[0]).toMatchObject({ path: p, kind: 'waagent-logcollector-zip', files: r.files.length });
    const files = byPath(r.files);

    // truncated_ member: back at its VM path, marked truncated, holding the collector's tail
    const ext = files.get('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log')!;
    expect(ext).toMatchObject({ kind: 'vmsnapshot-extension-log', truncated: true, size: 400 });
    expect(ext.origin).toBe(`${p}!truncated_var_log_azure_Microsoft.Azure.RecoveryServices.VMSnapshotLinux_extension.log`);
    expect(await text(ext)).toContain('StatusCode.FailedRetryableFsFreezeTimeout');

    // history/*.zip expanded in memory; the newest (unzipped) folder is not collected, as on a real VM
    expect(files.has('var/lib/waagent/history/2026-11-17T22-00-32__13.zip')).toBe(false);
    const gs = files.get('var/lib/waagent/history/2026-11-17T22-00-32__13/GoalState.xml')!;
    expect(gs).toMatchObject({ kind: 'goal-state-xml', origin: `${p}!var/lib/waagent/history/2026-11-17T22-00-32__13.zip!GoalState.xml` });
    expect(await text(gs)).toBe(state.get('var/lib/waagent/history/2026-11-17T22-00-32__13/GoalState.xml')!.toString());
    expect([...files.keys()].some((k) => k.includes('2026-11-19T22-00-32__15'))).toBe(false);

    // rotated logs: .gz inflated, grouped, oldest first
    const logs = r.files.filter((f) => f.rotation?.group === 'var/log/waagent.log');
    expect(logs.map((f) => [f.vmPath, f.rotation!.index])).toEqual([
      ['var/log/waagent.log.2.gz', 2],
      ['var/log/waagent.log.1', 1],
      ['var/log/waagent.log', 0],
    ]);
    expect(await text(logs[0])).toMatch(/^2026\/11\/15 07:10:00\.\d+ INFO Daemon Azure Linux Agent Version:2\.2\.45/);
    expect(logs[0].size).toBe(logs[0].content.size);

    expect(files.get('results.txt')).toMatchObject({ kind: 'logcollector-results' });
    expect(r.warnings).toEqual([]);
  });

  it("maps the collector's truncated members as it names them: `truncated_` and the absolute path, `/` as `_`", async () => {
    // WALinuxAgent's logcollector.py joins the flattened absolute path (`_var_log_…`) under its truncated folder and
    // prefixes `truncated_`: `truncated__var_log_…` (its own test builds the name so: tests/ga/test_logcollector.py
    // `_truncated_path`)
    const flat = 'truncated__var_log_azure_Microsoft.Azure.RecoveryServices.VMSnapshotLinux_extension.log';
    const tail = state.get('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log')!;
    const p = join(dir, 'logs-2.10.zip');
    await writeFile(p, zipSync({ [flat]: Buffer.from(tail), 'var/log/waagent.log': Buffer.from(state.get('var/log/waagent.log')!), 'results.txt': Buffer.from('### Gathering Log Files ###\n') }));
    const r = await ingest([p]);
    const ext = byPath(r.files).get('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log');
    expect(ext, JSON.stringify(r.files.map((f) => f.vmPath))).toMatchObject({ kind: 'vmsnapshot-extension-log', truncated: true });
    expect(r.files.some((f) => f.vmPath.startsWith('/'))).toBe(false);
    // the folders are known ones (var/log/azure and a handler's): not an unknown place's guess
    expect(ext!.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^truncated__var_log_azure_.*: the collector flattened its path; guessed var\/log\/azure\/Microsoft\.Azure\.RecoveryServices\.VMSnapshotLinux\/extension\.log/)]);
  });

  it('a plain zip of a VM tree is a "zip"', async () => {
    const p = join(dir, 'plain.zip');
    await writeFile(p, zipSync({ 'var/log/waagent.log': Buffer.from(state.get('var/log/waagent.log')!), 'etc/waagent.conf': Buffer.from(state.get('etc/waagent.conf')!) }));
    const r = await ingest([p]);
    expect(r.inputs[0]).toMatchObject({ kind: 'zip', files: 2 });
    expect(r.files.map((f) => f.kind).sort()).toEqual(['waagent-conf', 'waagent-log']);
  });
});

describe('ingest: tar, tar.gz, tar.xz, sosreport', () => {
  let tree: string;
  beforeAll(async () => {
    tree = await writeFolder(state, join(dir, 'tree'));
  });

  it.each([
    ['bundle.tar', '-cf'],
    ['bundle.tar.gz', '-czf'],
    ['bundle.tgz', '-czf'],
    ['bundle.tar.xz', '-cJf'],
  ])('%s gives every file at its VM path, with the same bytes', async (name, flags) => {
    const p = tarOf(tree, join(dir, name), flags);
    const r = await ingest([p]);
    expect(r.inputs[0]).toMatchObject({ kind: 'tar', files: state.size });
    const files = byPath(r.files);
    expect(new Set(files.keys())).toEqual(new Set(state.keys()));
    expect(await text(files.get('var/log/waagent.log.1')!)).toBe(state.get('var/log/waagent.log.1')!.toString());
    expect(files.get('var/log/waagent.log.2.gz')!.size).toBeGreaterThan(state.get('var/log/waagent.log.2.gz')!.length); // inflated
    expect(r.warnings).toEqual([]);
  });

  it('a tar.gz without a tar name is recognised by content', async () => {
    const p = tarOf(tree, join(dir, 'upload.bin'), '-czf');
    expect((await ingest([p])).inputs[0]).toMatchObject({ kind: 'tar', files: state.size });
  });

  it("sosreport .tar.xz: prefix stripped, sos_commands kept (IMDS's answer read as its own kind)", async () => {
    const p = await sosreportTarXz(state, join(dir, 'sos'));
    const r = await ingest([p]);
    expect(r.inputs[0].kind).toBe('sosreport');
    const files = byPath(r.files);
    expect(files.get('var/log/waagent.log')).toMatchObject({ kind: 'waagent-log', origin: `${p}!sosreport-vm-backup-demo-01-2026-11-20-kxqzvbe/var/log/waagent.log` });
    expect(files.get('sos_commands/azure/instance_metadata.json')).toMatchObject({ kind: 'instance-metadata-json' });
    for (const k of state.keys()) expect(files.has(k), k).toBe(true);
  });
});

describe('ingest: folders, loose files, several inputs', () => {
  it('a folder: files read lazily, .gz inflated on the fly, history zips expanded', async () => {
    const withZip = new Map(state);
    withZip.set('var/lib/waagent/history/2026-11-14T22-00-31__10.zip', Buffer.from(zipSync({ 'GoalState.xml': Buffer.from('<GoalState><Incarnation>10</Incarnation></GoalState>') })));
    const root = await writeFolder(withZip, join(dir, 'folder'));
    const r = await ingest([root]);
    expect(r.inputs[0]).toMatchObject({ kind: 'folder' });
    const files = byPath(r.files);
    expect(files.get('var/lib/waagent/history/2026-11-14T22-00-31__10/GoalState.xml')).toMatchObject({ kind: 'goal-state-xml', origin: `${join(root, 'var/lib/waagent/history/2026-11-14T22-00-31__10.zip')}!GoalState.xml` });
    const gz = files.get('var/log/waagent.log.2.gz')!;
    const plain = (await import('node:zlib')).gunzipSync(state.get('var/log/waagent.log.2.gz')!);
    expect(gz.size).toBe(plain.length);
    expect(await text(gz)).toBe(plain.toString());
    // random access into the inflated log (the log viewer's lazy reads)
    expect((await gz.content.read(1000, 200)).equals(plain.subarray(1000, 1200))).toBe(true);
    expect((await gz.content.read(plain.length - 10, 100)).equals(plain.subarray(plain.length - 10))).toBe(true);
  });

  it('loose files: VM path guessed from name and content; several inputs merge into one bundle', async () => {
    const paths = await looseFiles(state, join(dir, 'loose'));
    const r = await ingest(paths);
    expect(r.inputs).toHaveLength(paths.length);
    // the history folder's copies of a state file land on its VM path: an identical copy is read once and says so
    expect(r.inputs.every((i) => i.kind === 'single-file' && (i.files === 1 || /was given twice: .* is the same file as/.test(i.warnings.join())))).toBe(true);
    expect(r.inputs.filter((i) => i.files === 1).length).toBe(new Set(r.files.map((f) => f.vmPath)).size);
    const files = byPath(r.files);
    expect(files.get('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log')).toMatchObject({ kind: 'vmsnapshot-extension-log' });
    expect(files.get('var/log/waagent.log.2.gz')).toMatchObject({ kind: 'waagent-log', rotation: { group: 'var/log/waagent.log', index: 2 } });
    expect(files.get('etc/waagent.conf')).toMatchObject({ kind: 'waagent-conf' });
    expect(r.files.map((f) => f.input).sort((a, b) => a - b)).toEqual(r.inputs.flatMap((i, k) => (i.files === 1 ? [k] : [])));
  });

  it('the same VM path from two inputs: both kept, the later one warned about', async () => {
    const a = join(dir, 'dup-a', 'waagent.log');
    const b = join(dir, 'dup-b.zip');
    await mkdir(join(dir, 'dup-a'), { recursive: true });
    await writeFile(a, state.get('var/log/waagent.log')!);
    await writeFile(b, zipSync({ 'var/log/waagent.log': new Uint8Array(state.get('var/log/waagent.log.1')!) }));
    const r = await ingest([a, b]);
    const dups = r.files.filter((f) => f.vmPath === 'var/log/waagent.log');
    expect(dups).toHaveLength(2);
    expect(dups.find((f) => f.input === 0)!.warnings).toEqual([]);
    expect(dups.find((f) => f.input === 1)!.warnings[0].message).toMatch(/twice.*both are kept/);
    expect(r.inputs[1].warnings.join()).toMatch(/twice/);
    // the app and the report show it in the reader's language, from the same message
    const w = dups.find((f) => f.input === 1)!.warnings[0];
    expect(warningIn('en', w)).toBe(w.message);
    expect(warningIn('nl', w)).toMatch(/^\/var\/log\/waagent\.log zit twee keer in de bundel \(.*\); beide worden bewaard$/);
  });

  it('a loose gzip log is inflated and placed in its rotation group', async () => {
    const p = join(dir, 'waagent.log-2026-11-16-1795305600.gz');
    await writeFile(p, gzipSync(state.get('var/log/waagent.log.1')!));
    const r = await ingest([p, join(dir, 'dup-a', 'waagent.log')]);
    expect(r.files.map((f) => [f.vmPath, f.rotation?.index])).toEqual([
      ['var/log/waagent.log-2026-11-16-1795305600.gz', 1],
      ['var/log/waagent.log', 0],
    ]);
    expect(await text(r.files[0])).toBe(state.get('var/log/waagent.log.1')!.toString());
  });

  it('a Windows guest-log zip with backslash and C:\\ names', async () => {
    const p = join(dir, 'windows.zip');
    const log = Buffer.from('[00000006] 2024-04-17T07:19:26.812Z [INFO]  WindowsAzureGuestAgent starting. Version 2.7.41491.1102\n');
    await writeFile(
      p,
      zipSync({
        'WindowsAzure\\Logs\\WaAppAgent.log': new Uint8Array(log),
        'C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot\\1.0.81.0\\Status\\3.status': new Uint8Array(Buffer.from('[{"status":{"status":"success"}}]')),
      }),
    );
    const r = await ingest([p]);
    expect(r.inputs[0]).toMatchObject({ kind: 'windows-guest-logs', files: 2 });
    expect(r.files.map((f) => [f.vmPath, f.kind]).sort()).toEqual([
      ['Packages/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/1.0.81.0/Status/3.status', 'windows-plugin-status'],
      ['WindowsAzure/Logs/WaAppAgent.log', 'windows-agent-log'],
    ]);
  });

  it('a Windows guest-log folder and our own SSH collection are recognised', async () => {
    const win = await writeFolder(new Map([['WindowsAzure/Logs/WaAppAgent.log', Buffer.from('x\n')]]), join(dir, 'winfolder'));
    const ssh = await writeFolder(
      new Map([
        ['manifest.json', Buffer.from('{}')],
        ['probes.json', Buffer.from('[]')],
        ['var/log/waagent.log', state.get('var/log/waagent.log')!],
      ]),
      join(dir, 'sshcol'),
    );
    const r = await ingest([win, ssh]);
    expect(r.inputs.map((i) => i.kind)).toEqual(['windows-guest-logs', 'ssh-collection']);
    expect(byPath(r.files).get('probes.json')).toMatchObject({ kind: 'probes-json' });
  });

  it('a goal-state history zip on its own lands in its history folder', async () => {
    const p = join(dir, '2026-11-15T22-00-03__11.zip');
    await writeFile(p, zipSync({ 'GoalState.xml': new Uint8Array(Buffer.from('<GoalState><Incarnation>11</Incarnation></GoalState>')), 'ExtensionsConfig.xml': new Uint8Array(Buffer.from('<Extensions/>')) }));
    const r = await ingest([p]);
    expect(r.files.map((f) => [f.vmPath, f.kind]).sort()).toEqual([
      ['var/lib/waagent/history/2026-11-15T22-00-03__11/ExtensionsConfig.xml', 'extensions-config-xml'],
      ['var/lib/waagent/history/2026-11-15T22-00-03__11/GoalState.xml', 'goal-state-xml'],
    ]);
  });

  it('our SSH collection .tar.gz (manifest.json + probes.json at the root) is an ssh-collection', async () => {
    const root = await writeFolder(
      new Map([
        ['manifest.json', Buffer.from('{"schemaVersion":1,"tool":"vmbackup-doctor","collectedAt":"2026-11-20T09:14:03Z"}\n')],
        ['probes.json', Buffer.from('[]\n')],
        ['var/log/waagent.log', state.get('var/log/waagent.log')!],
        ['etc/waagent.conf', state.get('etc/waagent.conf')!],
      ]),
      join(dir, 'sshtree'),
    );
    const p = join(dir, 'vm-backup-demo-01-20261120T091403Z.tar.gz');
    execFileSync('tar', ['-czf', p, '-C', root, 'manifest.json', 'probes.json', 'var', 'etc']);
    const r = await ingest([p]);
    expect(r.inputs[0]).toMatchObject({ kind: 'ssh-collection', files: 4, warnings: [] });
    expect(r.files.map((f) => [f.vmPath, f.kind]).sort()).toEqual([
      ['etc/waagent.conf', 'waagent-conf'],
      ['manifest.json', 'collection-manifest'],
      ['probes.json', 'probes-json'],
      ['var/log/waagent.log', 'waagent-log'],
    ]);
  });

  it('a zip member name that is not UTF-8 is read in code page 437 (the zip format\'s, Explorer\'s), not dropped', async () => {
    const p = join(dir, 'latin1.zip');
    const z = Buffer.from(zipSync({ 'var/log/azure/caf?/extension.log': new Uint8Array(Buffer.from('hello\n')) }));
    // same length: swap the placeholder for code page 437's é (0x82) in the local and central headers
    let at = z.indexOf('caf?');
    while (at >= 0) {
      z[at + 3] = 0x82;
      at = z.indexOf('caf?', at + 1);
    }
    await writeFile(p, z);
    const r = await ingest([p]);
    expect(r.files.map((f) => f.vmPath)).toEqual(['var/log/azure/café/extension.log']);
  });

  it('a case zip holding the customer\'s logs.zip and a sosreport is opened level by level', async () => {
    const logsZip = collectorZip(state);
    const sos = await sosreportTarXz(new Map([['var/log/syslog', state.get('var/log/syslog')!]]), join(dir, 'nested-sos'));
    const { readFile } = await import('node:fs/promises');
    const p = join(dir, 'case-2611200001.zip');
    await writeFile(p, zipSync({ 'attachments/logs.zip': [logsZip, { level: 0 }], 'attachments/sosreport.tar.xz': [new Uint8Array(await readFile(sos)), { level: 0 }], 'notes.txt': new Uint8Array(Buffer.from('customer says backups fail since Thursday\n')) }));
    const r = await ingest([p]);
    // two different bundles inside: the input stays a plain zip (one alone would name it, see below)
    expect(r.inputs[0].kind).toBe('zip');
    const files = byPath(r.files);
    expect(files.get('var/log/waagent.log')).toMatchObject({ kind: 'waagent-log', origin: `${p}!attachments/logs.zip!var/log/waagent.log` });
    expect(files.get('var/lib/waagent/history/2026-11-17T22-00-32__13/GoalState.xml')!.origin).toBe(
      `${p}!attachments/logs.zip!var/lib/waagent/history/2026-11-17T22-00-32__13.zip!GoalState.xml`,
    );
    expect(files.get('sos_commands/date/date')!.origin).toMatch(/attachments\/sosreport\.tar\.xz!sosreport-vm-backup-demo-01-2026-11-20-kxqzvbe\/sos_commands\/date\/date$/);
    // the syslog came in both bundles: the same file, read once (its lines counted twice would look like repeats)
    expect(r.files.filter((f) => f.vmPath === 'var/log/syslog')).toHaveLength(1);
    expect(r.warnings.map((w) => w.message).join()).toMatch(/\/var\/log\/syslog was given twice: .*sosreport.* is the same file as .*logs\.zip/);
    expect(files.has('notes.txt')).toBe(true);
    expect(files.has('attachments/logs.zip')).toBe(false);
    // the nesting cap counts every level: case.zip (1) → logs.zip (2) → history zip (3)
    const capped = await ingest([p], { limits: { maxDepth: 2 } });
    expect(byPath(capped.files).get('var/log/waagent.log')).toBeDefined();
    expect(capped.files.filter((f) => f.kind === 'history-zip').length).toBeGreaterThan(0);
  });

  it('a downloads folder holding logs.zip: the zip is opened; packages inside the VM tree are not', async () => {
    const root = join(dir, 'downloads');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'logs.zip'), collectorZip(state));
    await writeFolder(new Map([['var/lib/waagent/WALinuxAgent-2.9.1.1.zip', Buffer.from(zipSync({ 'HandlerManifest.json': new Uint8Array(Buffer.from('[]')) }))]]), root);
    const r = await ingest([root]);
    expect(r.inputs[0].kind).toBe('waagent-logcollector-zip');
    const files = byPath(r.files);
    expect(files.get('var/log/waagent.log')!.origin).toBe(`${join(root, 'logs.zip')}!var/log/waagent.log`);
    expect(files.has('var/lib/waagent/WALinuxAgent-2.9.1.1.zip')).toBe(true);
  });

  it('an aborted ingest stops with the abort reason', async () => {
    const p = join(dir, 'abort.zip');
    await writeFile(p, collectorZip(state));
    const ac = new AbortController();
    ac.abort(new Error('user cancelled'));
    await expect(ingest([p], { signal: ac.signal })).rejects.toThrow('user cancelled');
  });

  it('an input that does not exist is a warning, not a crash', async () => {
    const r = await ingest([join(dir, 'nope.zip')]);
    expect(r.files).toEqual([]);
    expect(r.inputs[0].warnings[0]).toMatch(/cannot read .*nope\.zip/);
  });
});
