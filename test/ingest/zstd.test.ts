import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { archiveKind, isZstd } from '../../src/main/ingest/archive-kind';
import { BombError, inflateBuffer, inflateStream, ZSTD_WINDOW_MAX } from '../../src/main/ingest/inflate';

// sos 4.x compresses its report with zstd when the zstd tool is there (RHEL 9 and its rebuilds ship it): the report is
// `sosreport-<host>-<date>-<random>.tar.zst`. Node 20 has no zstd; fzstd decodes it. Every stream here is the zstd
// tool's own output, never a hand-made one (but the frame that asks for a huge window, which the tool will not write).

const CASE = join(__dirname, '..', 'cases', 'waagent-3492-iptables-drop-wireserver', 'files', 'waagent.log');
const zstd = (data: Buffer | string, ...args: string[]): Buffer => execFileSync('zstd', ['-q', '-c', ...args], { input: data, maxBuffer: 1 << 28 });
const messages = (ws: { message: string }[]) => ws.map((w) => w.message).join('\n');

let dir: string;
let log: Buffer;
const TOP = 'sosreport-vm1-2026-12-04-abcdefg';
/** `tar -cf - top | zstd`, as sos writes it, with the agent's log and a few of sos's own files. */
let tarball: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-zstd-'));
  log = await readFile(CASE);
  const tree = join(dir, 'tree', TOP);
  await mkdir(join(tree, 'var', 'log'), { recursive: true });
  await mkdir(join(tree, 'sos_commands', 'general'), { recursive: true });
  await mkdir(join(tree, 'sos_logs'), { recursive: true });
  await writeFile(join(tree, 'var', 'log', 'waagent.log'), log);
  await writeFile(join(tree, 'sos_commands', 'general', 'uname_-a'), 'Linux vm1 5.14.0-427.13.1.el9_4.x86_64 #1 SMP x86_64 GNU/Linux\n');
  await writeFile(join(tree, 'sos_logs', 'sos.log'), '2026-12-04 10:00:00,000 INFO: [sos.report:setup] executing \'sos report\'\n');
  tarball = zstd(execFileSync('tar', ['-C', join(dir, 'tree'), '-cf', '-', TOP], { maxBuffer: 1 << 28 }), '-3');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('zstd (sos 4.x tar.zst)', () => {
  it('a sosreport .tar.zst is read as a sosreport, the agent log at its VM path, byte for byte', async () => {
    const p = join(dir, `${TOP}.tar.zst`);
    await writeFile(p, tarball);
    expect(isZstd(tarball)).toBe(true);
    expect(archiveKind(tarball, p)).toBe('tar.zst');
    const r = await ingest([p]);
    expect(r.inputs[0].kind).toBe('sosreport');
    expect(messages(r.warnings)).toBe('');
    const f = r.files.find((x) => x.vmPath === 'var/log/waagent.log')!;
    expect(f.kind).toBe('waagent-log');
    expect((await f.content.read(0, f.size)).equals(log)).toBe(true);
  });

  it('the same tarball renamed without .tar (sosreport.zst) is looked into and read as the tar it is', async () => {
    const p = join(dir, 'sosreport.zst');
    await writeFile(p, tarball);
    const r = await ingest([p]);
    expect(r.inputs[0].kind).toBe('sosreport');
    expect(r.files.some((x) => x.vmPath === 'var/log/waagent.log')).toBe(true);
  });

  it('multi-threaded zstd (several frames) decodes whole', async () => {
    const big = Buffer.concat(Array.from({ length: 40 }, () => log));
    const packed = zstd(big, '-1', '-T2', '-B1M');
    const r = await inflateBuffer(packed, 'zstd', 1 << 30, { ceiling: 1 << 30 });
    expect(r.error).toBeUndefined();
    expect(r.data.equals(big)).toBe(true);
  });

  it('a loose zstd-compressed log (waagent.log.1.zst) is read', async () => {
    const p = join(dir, 'waagent.log.1.zst');
    await writeFile(p, zstd(log));
    const r = await ingest([p]);
    expect(r.files).toHaveLength(1);
    expect(r.files[0].kind).toBe('waagent-log');
    expect(r.files[0].size).toBe(log.length);
  });

  it('a zstd-compressed rotation inside the VM tree (var/log/messages.1.zst) is read as the system log it is', async () => {
    const tree = join(dir, 'rotated', TOP);
    await mkdir(join(tree, 'var', 'log'), { recursive: true });
    await writeFile(join(tree, 'var', 'log', 'waagent.log'), log);
    const lines = 'Dec  4 10:00:00 vm1 systemd[1]: Started Session 1 of user azureuser.\nDec  4 10:00:01 vm1 systemd[1]: Started Session 2 of user azureuser.\n';
    await writeFile(join(tree, 'var', 'log', 'messages.1.zst'), zstd(lines));
    const p = join(dir, `rotated-${TOP}.tar`);
    await writeFile(p, execFileSync('tar', ['-C', join(dir, 'rotated'), '-cf', '-', TOP], { maxBuffer: 1 << 28 }));
    const r = await ingest([p]);
    const f = r.files.find((x) => x.vmPath.startsWith('var/log/messages.1'))!;
    expect(f.kind).toBe('syslog');
    expect((await f.content.read(0, f.size)).toString()).toBe(lines);
  });

  it('a tar.zst cut off mid-download keeps the members read before the cut, and says so', async () => {
    // the agent's log first, then a megabyte of other log lines (several zstd blocks), cut in the second half
    const tree = join(dir, 'tree');
    const lines = Array.from({ length: 12_000 }, (_, i) => `Dec  4 10:${String(i % 60).padStart(2, '0')}:00 vm1 systemd[1]: Started Session ${i * 7919} of user azureuser.\n`);
    await writeFile(join(tree, TOP, 'var', 'log', 'messages'), lines.join(''));
    const packed = zstd(execFileSync('tar', ['-C', tree, '-cf', '-', `${TOP}/sos_logs`, `${TOP}/var/log/waagent.log`, `${TOP}/var/log/messages`], { maxBuffer: 1 << 28 }));
    const p = join(dir, `cut-${TOP}.tar.zst`);
    await writeFile(p, packed.subarray(0, Math.floor(packed.length * 0.7)));
    const r = await ingest([p]);
    expect(r.inputs[0].kind).toBe('sosreport');
    const f = r.files.find((x) => x.vmPath === 'var/log/waagent.log')!;
    expect((await f.content.read(0, f.size)).equals(log)).toBe(true);
    expect(messages([...r.warnings, ...r.files.flatMap((x) => x.warnings)])).toMatch(/is a tar\.zst archive cut short/);
  });

  it('a zstd bomb stops at the ratio cap (one block past it), not after inflating it all', async () => {
    const packed = execFileSync('sh', ['-c', 'head -c 256M /dev/zero | zstd -q -19 -c'], { maxBuffer: 1 << 26 });
    expect(packed.length).toBeLessThan(100_000);
    await expect(inflateBuffer(packed, 'zstd', 1 << 20, { ceiling: 16 << 20 })).rejects.toBeInstanceOf(BombError);
    const p = join(dir, 'bomb.tar.zst');
    await writeFile(p, packed);
    const r = await ingest([p]);
    expect(messages(r.warnings)).toMatch(/bomb|ratio/i);
  });

  it('a frame asking for a window over 128 MiB is refused before its window is used', async () => {
    // magic, frame header descriptor 0 (no content size, not single-segment), window descriptor 2^30, one raw last block
    const frame = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 20 << 3]), Buffer.from([(5 << 3) | 1, 0, 0]), Buffer.from('hello')]);
    expect(2 ** 30).toBeGreaterThan(ZSTD_WINDOW_MAX);
    const r = await inflateBuffer(frame, 'zstd', 1 << 20, { ceiling: 1 << 20 });
    expect(r.error).toMatch(/window/);
    expect(r.data.length).toBe(0);
    // the same frame with a 1 MiB window decodes (the check is on the window, not the format)
    const ok = Buffer.from(frame);
    ok[5] = 10 << 3;
    const fine = await inflateBuffer(ok, 'zstd', 1 << 20, { ceiling: 1 << 20 });
    expect(fine.error).toBeUndefined();
    expect(fine.data.toString()).toBe('hello');
  });

  it('the window is refused from the frame header alone: before any block, byte by byte, in a later frame', async () => {
    const huge = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 20 << 3]), Buffer.from([(5 << 3) | 1, 0, 0]), Buffer.from('hello')]);
    // the header and two bytes of the block header: no block ever completes
    expect((await inflateBuffer(huge.subarray(0, 8), 'zstd', 1 << 20, { ceiling: 1 << 20 })).error).toMatch(/window/);
    // the stream arriving one byte at a time
    const oneByOne = async function* () {
      for (const b of huge) yield Buffer.from([b]);
    };
    await expect(async () => {
      for await (const _ of inflateStream(oneByOne(), 'zstd', { ceiling: 1 << 20 })) void _;
    }).rejects.toThrow(/window/);
    // a single-segment frame's window is its content size (8-byte field, 2^28)
    const single = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xe0, 0, 0, 0, 0x10, 0, 0, 0, 0]), Buffer.from([(5 << 3) | 1, 0, 0]), Buffer.from('hello')]);
    expect((await inflateBuffer(single, 'zstd', 1 << 20, { ceiling: 1 << 20 })).error).toMatch(/window/);
    // after a skippable frame and two of the tool's own frames (with and without checksum, many blocks each), the
    // fourth frame is the one refused
    const skippable = Buffer.from([0x50, 0x2a, 0x4d, 0x18, 4, 0, 0, 0, 1, 2, 3, 4]);
    const text = Buffer.from(Array.from({ length: 6_000 }, (_, i) => `2024-01-14T22:16:${String(i % 60).padStart(2, '0')}.${i}Z INFO ExtHandler ExtHandler goal state ${(i * 7919) % 1_000_003}\n`).join(''));
    const good = Buffer.concat([zstd(text, '-1', '--check'), zstd(text, '-3', '--no-check')]);
    const r = await inflateBuffer(Buffer.concat([skippable, good, huge]), 'zstd', 1 << 30, { ceiling: 1 << 30 });
    expect(r.error).toMatch(/window/);
    expect(r.data.equals(Buffer.concat([text, text]))).toBe(true);
    // the same stream with an acceptable last frame decodes whole
    const ok = Buffer.from(huge);
    ok[5] = 10 << 3;
    const fine = await inflateBuffer(Buffer.concat([skippable, good, ok]), 'zstd', 1 << 30, { ceiling: 1 << 30 });
    expect(fine.error).toBeUndefined();
    expect(fine.data.toString().endsWith('hello')).toBe(true);
  });

  it('random bytes named .tar.zst are not a crash: the input is kept as a loose file with a reason', async () => {
    const p = join(dir, 'junk.tar.zst');
    await writeFile(p, Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(4000, 0xa5)]));
    const r = await ingest([p]);
    expect(r.warnings.length + r.files.flatMap((f) => f.warnings).length).toBeGreaterThan(0);
  });
});
