/**
 * Issue 20 point 2: `collect` cannot fill the engineer's disk. The remote tar.gz was only capped in its
 * compressed size (512 MiB): 3 MB on the wire became 3.2 GB on disk. The uncompressed bytes are now
 * capped with the ingest budget, lowered to the free space, and the collection stops with a partial
 * bundle (the members that arrived whole) and a message saying why.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip, gunzipSync } from 'node:zlib';
import ssh2 from 'ssh2';
import { Parser } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshAnswer, SshPrompt } from '../../src/shared';
import { createSshCollector, plainCapFor } from '../../src/main/ssh';
import { TarReceiver } from '../../src/main/ssh/receive';
import { tarOf } from './hostile';
import { ed25519HostKey } from '../helpers/ssh-keys';

const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'vmbd-collect-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A tar.gz of `n` members of `size` zero bytes, streamed (never held whole): kilobytes on the wire. */
function bombTarGz(n: number, size: number, onChunk: (c: Buffer) => void): Promise<void> {
  return new Promise((resolve) => {
    const gz = createGzip({ level: 9 });
    gz.on('data', onChunk);
    gz.on('end', () => resolve());
    const zeros = Buffer.alloc(MiB);
    for (let i = 0; i < n; i++) {
      const header = tarOf([{ name: `var/log/bomb-${i}.log`, data: Buffer.alloc(0) }]).subarray(0, 512);
      // the size field: octal, 11 digits + NUL; the checksum recomputed
      header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
      header.write('        ', 148, 'ascii');
      let sum = 0;
      for (const b of header) sum += b;
      header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
      gz.write(header);
      for (let left = size; left > 0; left -= MiB) gz.write(left >= MiB ? zeros : zeros.subarray(0, left));
    }
    gz.end(Buffer.alloc(1024));
  });
}

function du(p: string): number {
  let n = 0;
  for (const e of readdirSync(p, { withFileTypes: true, recursive: true })) if (e.isFile()) n += statSync(join(e.parentPath, e.name)).size;
  return n;
}

describe('the collected stream is capped in uncompressed bytes', () => {
  it('TarReceiver stops at the cap: members that arrived whole are kept, the one cut is dropped', async () => {
    const staging = mkdtempSync(join(dir, 'staging-'));
    let stopped = '';
    const rx = new TarReceiver(staging, 3 * MiB, (why) => (stopped = why));
    let wire = 0;
    await bombTarGz(5, 2 * MiB, (c) => {
      wire += c.length;
      rx.write(c);
    });
    const r = await rx.finish();
    expect(wire).toBeLessThan(200 * 1024);
    expect(stopped).toMatch(/uncompressed size cap of 3145728 bytes/);
    expect(r.stopped).toBe(stopped);
    expect(r.files.map((f) => f.path)).toEqual(['var/log/bomb-0.log']);
    expect(du(staging)).toBeLessThanOrEqual(3 * MiB);
  });

  it('the cap is the ingest budget, lowered to the free space', () => {
    expect(plainCapFor(100 * 1024 * MiB, 512 * MiB, 4096 * MiB)).toEqual({ cap: 4096 * MiB, byDisk: false });
    expect(plainCapFor(1024 * MiB, 512 * MiB, 4096 * MiB)).toEqual({ cap: 448 * MiB, byDisk: true });
    expect(plainCapFor(100 * MiB, 512 * MiB, 4096 * MiB).cap).toBe(0);
  });

  describe('through a whole collection (ssh2 server sending a tar.gz bomb)', () => {
    let server: InstanceType<typeof ssh2.Server>;
    let port = 0;
    beforeAll(async () => {
      server = new ssh2.Server({ hostKeys: [ed25519HostKey()] }, (client) => {
        client.on('error', () => undefined);
        client.on('authentication', (ctx) => (ctx.method === 'keyboard-interactive' ? ctx.prompt([{ prompt: 'Password: ', echo: false }], (a) => (a[0] === 'pw' ? ctx.accept() : ctx.reject())) : ctx.reject(['keyboard-interactive'])));
        client.on('ready', () =>
          client.on('session', (accept) =>
            accept().on('exec', (acceptExec, _reject, info) => {
              const s = acceptExec();
              s.on('error', () => undefined);
              if (info.command === 'id -u') s.write('0\n');
              if (!info.command.includes('czf')) {
                s.exit(0);
                return s.end();
              }
              void bombTarGz(40, 100 * MiB, (c) => {
                if (!s.destroyed && s.writable) s.write(c);
              }).then(() => {
                if (s.writable) {
                  s.exit(0);
                  s.end();
                }
              });
            }),
          ),
        );
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => server.close());

    const io = { prompt: async (p: SshPrompt): Promise<SshAnswer> => (p.kind === 'keyboard-interactive' ? { id: p.id, accept: true, values: ['pw'] } : { id: p.id, accept: false }), progress: () => undefined };
    const collector = (name: string, extra: object) =>
      createSshCollector({ appDataDir: join(dir, name), bundlesDir: join(dir, name, 'b'), userKnownHosts: [], sshConfigFile: null, defaultIdentities: false, acceptNew: true, probeFilter: () => false, ...extra });
    const target = () => ({ host: '127.0.0.1', port, user: 'azureuser', useAgent: false, allowPassword: true });

    it('4 GB announced in a few MB: stops at the cap with a partial bundle and says why', async () => {
      const r = await collector('cap', { maxPlainBytes: 250 * MiB }).collect({ target: target() }, io);
      expect(r.incomplete).toBe(true);
      expect(r.message).toMatch(/uncompressed size cap of 262144000 bytes/);
      const names: string[] = [];
      new Parser({ onReadEntry: (e) => (names.push(e.path), e.resume()) }).end(gunzipSync(readFileSync(r.bundlePath)));
      expect(names).toEqual(expect.arrayContaining(['manifest.json', 'var/log/bomb-0.log', 'var/log/bomb-1.log']));
      expect(names).not.toContain('var/log/bomb-2.log');
      expect(du(join(dir, 'cap', 'b'))).toBeLessThan(20 * MiB); // the bundle is compressed; staging is gone
    }, 60_000);

    it('a nearly full disk lowers the cap, and says so', async () => {
      const r = await collector('disk', { freeBytes: async () => 512 * MiB + 64 * MiB + 150 * MiB }).collect({ target: target() }, io);
      expect(r.incomplete).toBe(true);
      expect(r.message).toContain(`would fill (${726 * MiB} bytes free): the collection stopped after ${150 * MiB} uncompressed bytes`);
    }, 60_000);

    it('no room at all: refused before anything is written', async () => {
      await expect(collector('full', { freeBytes: async () => 10 * MiB }).collect({ target: target() }, io)).rejects.toThrow(/not enough free space/);
    }, 30_000);
  });
});
