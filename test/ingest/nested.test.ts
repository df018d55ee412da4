import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';

// Archives inside archives, as tickets bring them: the support engineer zips the customer's logs.zip with notes, a
// sosreport tarball sits in the ticket zip. Each level is opened in memory with the same caps (depth, ratio, names).

const CASE = join(__dirname, '..', 'cases', 'waagent-3492-iptables-drop-wireserver', 'files', 'waagent.log');
const u8 = (b: Buffer | string) => new Uint8Array(Buffer.isBuffer(b) ? b : Buffer.from(b));
const NOTES = u8('Customer says backups fail every night since Monday; logs attached.\r\n');

let dir: string;
let log: Buffer;
/** `tar -C tree -cf - top` of a sosreport holding the agent's log, through `compress` (xz, zstd, gzip). */
let sosTar: (compress: string[]) => Buffer;
const TOP = 'sosreport-vm1-2026-12-04-abcdefg';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-nested-'));
  log = await readFile(CASE);
  await mkdir(join(dir, 'tree', TOP, 'var', 'log'), { recursive: true });
  await mkdir(join(dir, 'tree', TOP, 'sos_commands', 'general'), { recursive: true });
  await writeFile(join(dir, 'tree', TOP, 'var', 'log', 'waagent.log'), log);
  await writeFile(join(dir, 'tree', TOP, 'sos_commands', 'general', 'uname_-a'), 'Linux vm1 5.14.0 #1 SMP x86_64 GNU/Linux\n');
  sosTar = (compress) => execFileSync(compress[0], [...compress.slice(1), '-c'], { input: execFileSync('tar', ['-C', join(dir, 'tree'), '-cf', '-', TOP]) });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const all = (r: Awaited<ReturnType<typeof ingest>>) => [...r.warnings, ...r.files.flatMap((f) => f.warnings)].map((w) => w.message).join('\n');

describe('archives nested in archives', () => {
  it("the customer's logs.zip zipped again with notes is the collector's bundle, its log at the VM path", async () => {
    const p = join(dir, 'ticket-1234.zip');
    await writeFile(p, zipSync({ 'ticket-1234/logs.zip': zipSync({ 'var/log/waagent.log': u8(log), 'results.txt': u8('ok\n') }), 'ticket-1234/notes.txt': NOTES }));
    const r = await ingest([p]);
    expect(r.inputs[0].kind).toBe('waagent-logcollector-zip');
    const f = r.files.find((x) => x.vmPath === 'var/log/waagent.log')!;
    expect(f.origin).toBe(`${p}!ticket-1234/logs.zip!var/log/waagent.log`);
    expect((await f.content.read(0, f.size)).equals(log)).toBe(true);
  });

  for (const [name, compress] of [
    ['tar.xz', ['xz', '-1']],
    ['tar.gz', ['gzip', '-6']],
    ['tar.zst', ['zstd', '-q', '-3']],
  ] as const) {
    it(`a sosreport ${name} in the ticket zip (stored or deflated) is the sosreport`, async () => {
      for (const level of [0, 6] as const) {
        const p = join(dir, `ticket-${name}-${level}.zip`);
        await writeFile(p, zipSync({ [`attachments/${TOP}.${name}`]: [u8(sosTar([...compress])), { level }], 'attachments/notes.txt': NOTES }));
        const r = await ingest([p]);
        expect(r.inputs[0].kind).toBe('sosreport');
        expect(r.files.find((x) => x.vmPath === 'var/log/waagent.log')?.size).toBe(log.length);
      }
    });
  }

  it('a zip in a zip in a zip … past the nesting cap stays a file, with a warning; nothing above it is lost', async () => {
    let inner: Uint8Array = zipSync({ 'var/log/waagent.log': u8(log) });
    for (let i = 0; i < 6; i++) inner = zipSync({ [`level${i}.zip`]: inner, [`notes${i}.txt`]: NOTES });
    const p = join(dir, 'deep.zip');
    await writeFile(p, inner);
    const r = await ingest([p]);
    expect(all(r)).toMatch(/nested deeper than 3 archive levels/);
    expect(r.files.filter((f) => /notes\d\.txt$/.test(f.vmPath))).toHaveLength(3);
  });

  it('an inner zip with a name that climbs out is refused member by member; its good members are read', async () => {
    const evil = zipSync({ 'var/log/waagent.log': u8(log), 'x/../../../../etc/cron.d/evil': u8('* * * * * root sh\n'), '/etc/passwd': u8('root:x:0:0::/root:/bin/sh\n') });
    const p = join(dir, 'climb.zip');
    await writeFile(p, zipSync({ 'logs.zip': evil, 'notes.txt': NOTES }));
    const r = await ingest([p]);
    expect(r.files.map((f) => f.vmPath).sort()).toEqual(['notes.txt', 'var/log/waagent.log']);
    expect(all(r)).toMatch(/logs\.zip: refused .*etc\/cron\.d\/evil/);
  });

  it('a bomb inside the inner zip is refused there, by its place in both zips', async () => {
    const bomb = zipSync({ 'var/log/waagent.log': u8(log), 'var/log/syslog': new Uint8Array(64 * 1024 * 1024) }, { level: 9 });
    const p = join(dir, 'nested-bomb.zip');
    await writeFile(p, zipSync({ 'logs.zip': [bomb, { level: 0 }] }));
    const r = await ingest([p]);
    expect(r.files.map((f) => f.vmPath)).toEqual(['var/log/waagent.log']);
    expect(all(r)).toMatch(/nested-bomb\.zip!logs\.zip!var\/log\/syslog: refused.*zip bomb/);
  });

  it("an inner archive's bytes are not counted twice against the total cap", async () => {
    const big = Buffer.concat(Array.from({ length: 200 }, () => log));
    const inner = zipSync({ 'var/log/waagent.log': [u8(big), { level: 0 }] });
    const p = join(dir, 'count-once.zip');
    await writeFile(p, zipSync({ 'logs.zip': [inner, { level: 0 }] }));
    const r = await ingest([p], { limits: { maxTotalBytes: Math.floor(big.length * 1.5) } });
    expect(r.files.map((f) => f.vmPath)).toEqual(['var/log/waagent.log']);
    expect(all(r)).not.toMatch(/total/);
  });

  it('a damaged inner zip keeps the outer files and says what happened to the inner one', async () => {
    const inner = Buffer.from(zipSync({ 'var/log/waagent.log': u8(log) }));
    const p = join(dir, 'damaged-inner.zip');
    await writeFile(p, zipSync({ 'logs.zip': [u8(inner.subarray(0, Math.floor(inner.length / 2))), { level: 0 }], 'notes.txt': NOTES }));
    const r = await ingest([p]);
    expect(r.files.some((f) => f.vmPath === 'notes.txt')).toBe(true);
    expect(all(r)).toMatch(/logs\.zip/);
  });
});
