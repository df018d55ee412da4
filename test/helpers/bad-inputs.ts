import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { IngestLimits } from '../../src/main/ingest/types';
import { writeFolder } from '../fixtures/generate';
import { realisticVmState } from '../fixtures/vm-state';

/**
 * Bad inputs an engineer can really be handed, each built with the real tools (tar, xz, bzip2, a zip writer) from
 * the realistic VM state, and the ingest warning each must give: links and escaping names in a tar, a tar.bz2
 * bomb, a tar cut inside a member, a tar header with a bad checksum, a zip without its central directory holding
 * a bomb and a member whose header lies about its size, a cut .xz and a padded .bz2 log, the caps, loose files placed by a
 * guess and the collector's flattened names. test/ingest/dutch-warnings.test.ts reads them.
 */
export interface BadInput {
  name: string;
  paths: string[];
  limits?: Partial<IngestLimits>;
  /** The catalogue keys its warnings must include. */
  keys: string[];
}

const u8 = (b: Buffer | string) => new Uint8Array(Buffer.isBuffer(b) ? b : Buffer.from(b));

/** The offsets of a zip's local file headers (PK\3\4), in order. */
function localHeaders(zip: Buffer): number[] {
  const out: number[] = [];
  for (let i = zip.indexOf('PK\x03\x04', 0, 'latin1'); i >= 0; i = zip.indexOf('PK\x03\x04', i + 4, 'latin1')) out.push(i);
  return out;
}

export async function badInputs(dir: string): Promise<BadInput[]> {
  const state = realisticVmState();
  const waagent = state.get('var/log/waagent.log')!;
  const extension = state.get('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log')!;
  const out: BadInput[] = [];

  // a tar with a symbolic link, a hard link and a member whose name climbs out of the bundle
  const tree = join(dir, 'linktree');
  await writeFolder(new Map([['var/log/waagent.log', waagent]]), tree);
  await symlink('/etc/shadow', join(tree, 'var/log/shadow-link'));
  execFileSync('ln', [join(tree, 'var/log/waagent.log'), join(tree, 'var/log/hardlink.log')]);
  const links = join(dir, 'links.tar');
  execFileSync('tar', ['--sort=name', '-cf', links, '-C', tree, 'var']);
  execFileSync('tar', ['-rPf', links, '--transform=s,^.*$,../../escape.txt,', join(tree, 'var/log/waagent.log')]);
  out.push({ name: 'tar with links and an escaping name', paths: [links], keys: ['ingest.refused-link', 'ingest.refused-entry'] });

  // a tar.bz2 of 16 MiB of zeros: a few hundred bytes that inflate far past the ratio cap
  const zeros = join(dir, 'zeros');
  await mkdir(join(zeros, 'var', 'log'), { recursive: true });
  await writeFile(join(zeros, 'var', 'log', 'syslog'), Buffer.alloc(16 * 1024 * 1024));
  const bomb = join(dir, 'bomb.tar.bz2');
  await writeFile(bomb, execFileSync('sh', ['-c', `tar -C '${zeros}' -cf - var | bzip2 -9 -c`], { maxBuffer: 1 << 20 }));
  out.push({ name: 'tar.bz2 bomb', paths: [bomb], keys: ['ingest.tar-bomb'] });

  // a tar cut in the middle of its only member (a download that stopped)
  const whole = execFileSync('tar', ['-cf', '-', '-C', tree, 'var/log/waagent.log']);
  const cut = join(dir, 'cut.tar');
  await writeFile(cut, whole.subarray(0, 512 + Math.floor(waagent.length / 2)));
  out.push({ name: 'tar cut inside a member', paths: [cut], keys: ['ingest.tar-cut', 'ingest.archive-cut'] });

  // a tar whose second header's checksum is damaged (one flipped byte in the member name)
  const two = join(dir, 'two');
  await writeFolder(new Map([['var/log/waagent.log', waagent], ['var/log/zz.log', extension]]), two);
  const pair = execFileSync('tar', ['--sort=name', '-cf', '-', '-C', two, 'var/log/waagent.log', 'var/log/zz.log']);
  const second = 512 + Math.ceil(waagent.length / 512) * 512;
  pair[second + 9] ^= 0x20;
  const badsum = join(dir, 'badsum.tar');
  await writeFile(badsum, pair);
  out.push({ name: 'tar header with a bad checksum', paths: [badsum], keys: ['ingest.archive-damaged'] });

  // a zip without its central directory (cut before it), holding an escaping name, a member that declares a
  // bomb's ratio and one whose local header lies about its size (the recovery path reads local headers only)
  const zip = Buffer.from(
    zipSync(
      {
        'var/log/waagent.log': u8(waagent),
        '../evil.sh': u8('#!/bin/sh\n'),
        'var/log/syslog': new Uint8Array(64 * 1024 * 1024),
        'var/log/messages': new Uint8Array(64 * 1024 * 1024),
      },
      { level: 9 },
    ),
  );
  const heads = localHeaders(zip);
  zip.writeUInt32LE(100_000, heads[3] + 22); // var/log/messages says 100 kB
  const central = zip.indexOf('PK\x01\x02', heads[3], 'latin1');
  const noDir = join(dir, 'nodir.zip');
  await writeFile(noDir, zip.subarray(0, central));
  out.push({ name: 'zip without central directory', paths: [noDir], keys: ['ingest.refused-entry', 'ingest.zip-ratio-declared', 'ingest.zip-ratio-inflated', 'ingest.archive-cut'] });

  // compressed logs: an .xz cut short, a .bz2 with bytes after its end, an .xz that inflates past the per-file cap
  const xz = execFileSync('xz', ['-c'], { input: waagent });
  const xzCut = join(dir, 'waagent.log.1.xz');
  await writeFile(xzCut, xz.subarray(0, Math.floor(xz.length / 2)));
  out.push({ name: 'cut .xz log', paths: [xzCut], keys: ['ingest.damaged'] });
  const bz2Pad = join(dir, 'waagent.log.2.bz2');
  await writeFile(bz2Pad, Buffer.concat([execFileSync('bzip2', ['-9', '-c'], { input: waagent }), Buffer.from('trailing garbage after the stream\n')]));
  out.push({ name: '.bz2 log with trailing bytes', paths: [bz2Pad], keys: ['ingest.trailing'] });
  const xzBig = join(dir, 'waagent.log.3.xz');
  await writeFile(xzBig, xz);
  out.push({ name: '.xz log over the per-file cap', paths: [xzBig], limits: { maxFileBytes: xz.length + 1024 }, keys: ['ingest.unpacked-capped'] });

  // the caps: too many entries, too many bytes
  const many: Record<string, Uint8Array> = {};
  for (let i = 0; i < 120; i++) many[`var/log/azure/x/f${i}.log`] = u8(waagent.subarray(0, 200));
  const manyZip = join(dir, 'many.zip');
  await writeFile(manyZip, zipSync(many));
  out.push({ name: 'entry cap', paths: [manyZip], limits: { maxEntries: 100 }, keys: ['ingest.entry-cap'] });
  const bigZip = join(dir, 'big.zip');
  await writeFile(bigZip, zipSync({ 'var/log/waagent.log': u8(waagent), 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log': u8(extension) }));
  out.push({ name: 'total size cap', paths: [bigZip], limits: { maxTotalBytes: waagent.length + 10 }, keys: ['ingest.total-cap'] });

  // loose files: one nothing recognises, one placed by its content under a ticket name
  const bin = join(dir, 'notes.bin');
  await writeFile(bin, Buffer.from([0, 1, 2, 255, 254, 0, 7]));
  const ticket = join(dir, 'ticket-4711 backup.txt');
  await writeFile(ticket, extension);
  out.push({ name: 'loose files', paths: [bin, ticket], keys: ['ingest.loose-unknown', 'ingest.loose-placed'] });

  // the collector's flattened `truncated_…` members
  const flat = join(dir, 'flat.zip');
  await writeFile(
    flat,
    zipSync({
      'var/log/waagent.log': u8(waagent),
      'truncated_var_log_azure_Microsoft.Azure.Monitor.AzureMonitorLinuxAgent_mdsd.err': u8(waagent.subarray(0, 300)),
      'truncated_opt_app_big_file.log': u8(waagent.subarray(0, 300)),
    }),
  );
  out.push({ name: 'collector names', paths: [flat], keys: ['ingest.collector-guess', 'ingest.collector-unknown'] });
  return out;
}
