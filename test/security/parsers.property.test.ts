/**
 * Security proofs (issue 9): property-based tests for EVERY parser in the registry.
 *
 * The registry is iterated, so a parser added later is covered without touching this file. Inputs:
 * random bytes, random lines, and near-valid files (realistic seeds from the research notes, the
 * committed sample bundle and the shared corpus, then mutated: cut, bytes flipped, junk and giant
 * lines inserted, CRLF, NULs). For each: the parser never throws, finishes within a bound, and
 * every record and fact points inside the file (1-based lines ≤ the file's line count, byte ranges
 * within its size). Defence guarded: "parsers never throw for bad input" and the position contract
 * of ParseSink (src/main/parse/types.ts, src/main/records/store.ts); the secret-seed check guards
 * "secrets are never kept in facts" (protectedSettings, sig=, snapshotTaskToken).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { BundleFile, Fact, FileKind } from '../../src/shared';
import { PARSERS } from '../../src/main/parse/registry';
import { classify } from '../../src/main/ingest/classify';
import { BufferContent } from '../../src/main/ingest/content';
import type { RecordInput } from '../../src/main/records/store';
import { CORPUS, SAMPLE } from '../helpers/paths';
import { within } from './hostile';
import { pathFor } from './parser-paths';
import { renderAnalysis } from '../../src/shared/i18n/analysis';

/* ---------- seeds ---------- */

/** Secrets planted in the seeds: none may survive into a fact. */
const SECRET_SIG = 'sig=Zm9vYmFyU0VDUkVUU0lHTkFUVVJF%3D';
const SECRET_PROTECTED = 'MIIB8wYJKoZIhvcNAQcDoIIB5DCCAeACAQAxggFpMIIBZQIBADBNMDkxNzA1BgoJkiaJk_SEEDPROTECTED';
const SECRET_TOKEN = 'SEEDTOKEN-3f1c8d2e6b41-snapshot-task-token';

const GA = (t: string, level: string, msg: string) => `2026-11-19T${t}.123456Z ${level} ExtHandler ExtHandler ${msg}`;
const EXT = (t: string, msg: string) => `2026-11-19 ${t}.792020 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]${msg}`;

const INLINE: Partial<Record<string, string[]>> = {
  'waagent-log': [
    [
      '2026/11/15 09:00:00.123456 INFO Daemon Azure Linux Agent Version:2.2.45',
      '2026/11/15 09:00:00.223456 INFO Daemon OS: ubuntu 20.04',
      GA('21:59:58', 'INFO', 'WALinuxAgent-2.9.1.1 running as process 1234'),
      GA('22:00:01', 'INFO', '[HEARTBEAT] Agent WALinuxAgent-2.9.1.1 is running as the goal state agent [DEBUG HeartbeatCounter: 10;HeartbeatId: 1;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]'),
      GA('22:00:05', 'INFO', 'Fetched a new incarnation for the WireServer goal state [incarnation 15]'),
      GA('22:00:06', 'INFO', '[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Target handler state: enabled [incarnation 15]'),
      GA('22:00:07', 'INFO', `Downloading https://md-hdd.blob.core.windows.net/status?${SECRET_SIG}&se=2026-11-20`),
      // Lines whose message becomes a fact's `detail` (connectivity facts): the waagent scrub must cut the secrets.
      GA('22:00:08', 'WARNING', `Request failed using the direct channel. Error: [HttpError] GET https://md-hdd.blob.core.windows.net/x/abcd?${SECRET_SIG}&sr=b protectedSettings: "${SECRET_PROTECTED}"`),
      GA('22:00:09', 'WARNING', `Error in SendHostPluginHeartbeat: [ResourceGoneError] https://md-hdd.blob.core.windows.net/y?sv=2020&${SECRET_SIG} snapshotTaskToken: ${SECRET_TOKEN}`),
      GA('22:16:48', 'ERROR', 'Event: name=Microsoft.Azure.RecoveryServices.VMSnapshotLinux, op=Enable, message=[ExtensionOperationError] Non-zero exit code: 1,',
      ),
      '  File "/usr/lib/python3/dist-packages/azurelinuxagent/ga/exthandlers.py", line 1211, in launch_command',
      GA('22:30:01', 'WARNING', '[HTTP Failed] GET http://168.63.129.16/machine/ -- IOError [Errno 101] Network is unreachable -- 6 attempts made'),
      '',
    ].join('\n'),
  ],
  'vmsnapshot-extension-log': [
    [
      EXT('22:00:06', 'Current Time: 2026-11-19 22:00:06'),
      EXT('22:00:06', `settings: {"snapshotTaskToken": "${SECRET_TOKEN}", "protectedSettings": "${SECRET_PROTECTED}"}`),
      EXT('22:00:07', 'doing freeze now...'),
      EXT('22:00:07', 'proceeded for accepting signals'),
      EXT('22:01:13', '================== Logs during Freeze Start =============='),
      '2026/11/19 22:00:07.811102  Info  /etc/azure/MicrosoftRecoverySvcsSafeFreezeLock/SafeFreezeLockFile file opened Sucessfully',
      '2026/11/19 22:01:13.000001  Error  freeze timed-out',
      '================== Logs during Freeze End ==============',
      '2026/11/19 23:01:13 ERROR:[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]Unable to locate a .settings file!',
      EXT('22:01:14', 'T:S ###### Enable failed with error: freeze took longer than timeout StatusCode.FailedRetryableFsFreezeTimeout,'),
      EXT('22:01:15', `snapshot blob uri https://md-hdd.blob.core.windows.net/x/abcd?${SECRET_SIG}`),
      '',
    ].join('\n'),
  ],
  'vmsnapshot-shell-log': ['Thu Nov 19 22:00:05 UTC 2026- ConfigSequenceNumber from environment variable seqNo:15\nThu Nov 19 22:00:05 UTC 2026- python3 path exists\nThu Nov 19 22:00:06 UTC 2026- 0 returned from handle.py\n'],
  'extension-status': [
    `[{"version": "1.0", "timestampUTC": "2026-11-19T22:01:15Z", "status": {"name": "Microsoft.Azure.RecoveryServices.VMSnapshotLinux", "operation": "Enable", "status": "success", "substatus": [{"code": "0", "name": "[{\\"version\\": \\"1.0\\", \\"status\\": {\\"status\\": \\"error\\", \\"code\\": \\"122\\", \\"taskId\\": \\"7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41\\", \\"snapshotInfo\\": [{\\"snapshotUri\\": \\"https://x.blob.core.windows.net/a?${SECRET_SIG}\\"}], \\"vmHealthInfo\\": {\\"vmHealthState\\": 128, \\"vmHealthStatusCode\\": 122}}}]", "status": "success", "formattedMessage": null}], "code": "122", "taskId": "7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41", "formattedMessage": {"lang": "en-US", "message": "Enable failed with error: freeze took longer than timeout"}}}]\n`,
  ],
  'extension-settings': [
    `{"runtimeSettings": [{"handlerSettings": {"protectedSettingsCertThumbprint": "ABCDEF0123456789", "protectedSettings": "${SECRET_PROTECTED}", "publicSettings": {"locale": "en-us", "taskId": "7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41", "commandToExecute": "snapshot", "commandStartTimeUTCTicks": "639001584000000000", "vmType": "microsoft.compute/virtualmachines", "objectStr": "${SECRET_TOKEN}", "snapshotTaskToken": "${SECRET_TOKEN}"}}}]}\n`,
  ],
  'extensions-config-xml': [
    `<?xml version="1.0" encoding="utf-8"?>\n<Extensions version="1.0.0.0" goalStateIncarnation="15"><GuestAgentExtension xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><GAFamilies><GAFamily><Name>Prod</Name></GAFamily></GAFamilies></GuestAgentExtension>\n<Plugins>\n<Plugin name="Microsoft.Azure.RecoveryServices.VMSnapshotLinux" version="1.0.9225.0" location="https://x/manifest.xml" state="enabled" autoUpgrade="false" runAsStartupTask="false" isJson="true" useExactVersion="true" />\n</Plugins>\n<PluginSettings>\n<Plugin name="Microsoft.Azure.RecoveryServices.VMSnapshotLinux" version="1.0.9225.0">\n<RuntimeSettings seqNo="15">{"runtimeSettings":[{"handlerSettings":{"protectedSettingsCertThumbprint":"ABC","protectedSettings":"${SECRET_PROTECTED}","publicSettings":{"taskId":"7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41"}}}]}</RuntimeSettings>\n</Plugin>\n</PluginSettings>\n<StatusUploadBlob statusBlobType="BlockBlob">https://md.blob.core.windows.net/$system/vm.status?${SECRET_SIG}&amp;sr=b</StatusUploadBlob></Extensions>\n`,
  ],
  'waagent-conf': [
    '# comment\nExtensions.Enabled=y\nProvisioning.Agent=auto\nLogs.Verbose=n\nAutoUpdate.Enabled=y\nHttpProxy.Host=None\nOS.EnableFirewall=y\n',
    // A proxy with credentials and secret-named keys: src/main/parse/system/waagent-conf.ts redacts them.
    `Extensions.Enabled=y\nHttpProxy.Host=http://proxy:${SECRET_TOKEN}@10.0.0.5\nHttpProxy.Port=3128\nHttpProxy.Password=${SECRET_TOKEN}\nCustom.BlobUrl=https://x.blob.core.windows.net/a?${SECRET_SIG}\nCustom.Settings={"protectedSettings": "${SECRET_PROTECTED}"}\n`,
  ],
  'vmbackup-conf': ['[SnapshotThread]\nSafeFreezeWaitInSeconds=600\nMountsToSkip = /mnt/resource\nseqsnapshot = 2\ntimeout = 60\n'],
  'os-release': ['NAME="Ubuntu"\nVERSION="20.04.6 LTS (Focal Fossa)"\nID=ubuntu\nVERSION_ID="20.04"\nPRETTY_NAME="Ubuntu 20.04.6 LTS"\n'],
  hostname: ['vm-backup-demo-01\n'],
  'handler-environment': ['[{"name": "Microsoft.Azure.RecoveryServices.VMSnapshotLinux", "version": 1.0, "handlerEnvironment": {"logFolder": "/var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux", "configFolder": "/var/lib/waagent/x/config", "statusFolder": "/var/lib/waagent/x/status", "heartbeatFile": "/var/lib/waagent/x/heartbeat.log"}}]\n'],
  'handler-state': ['Enabled'],
  'extension-mrseq': ['15'],
  incarnation: ['15'],
  syslog: ['Nov 19 22:00:07 vm-backup-demo-01 kernel: [123.456] EXT4-fs (sda1): mounted filesystem\nNov 19 22:01:13 vm-backup-demo-01 python3[4242]: freeze timed-out\n'],
};

function fileSeeds(): Map<string, Buffer[]> {
  const seeds = new Map<string, Buffer[]>();
  const add = (kind: string, b: Buffer) => {
    if (b.length === 0 || b.length > 256 * 1024) return;
    const list = seeds.get(kind) ?? [];
    if (list.length < 12) list.push(b);
    seeds.set(kind, list);
  };
  for (const [kind, texts] of Object.entries(INLINE)) for (const t of texts ?? []) add(kind, Buffer.from(t));
  if (existsSync(SAMPLE)) {
    try {
      for (const [name, data] of Object.entries(unzipSync(new Uint8Array(readFileSync(SAMPLE))))) add(classify(name), Buffer.from(data));
    } catch {
      /* the sample is optional here */
    }
  }
  // The shared corpus (real files from the agent's and extension's repos), classified by file name.
  const corpusKind = (name: string): string | undefined => {
    if (/ext_conf.*\.xml$|ExtensionsConfig.*\.xml$/.test(name)) return 'extensions-config-xml';
    if (/goal_?state.*\.xml$|GoalState.*\.xml$/i.test(name)) return 'goal-state-xml';
    if (/hosting_?env.*\.xml$|HostingEnvironmentConfig\.xml$/i.test(name)) return 'hosting-environment-xml';
    if (/shared_?config\.xml$/i.test(name)) return 'shared-config-xml';
    if (/ovf-env.*\.xml$/.test(name)) return 'ovf-env-xml';
    if (/vm_?settings.*\.json$/i.test(name)) return 'vm-settings-json';
    if (/waagent.*\.conf$/.test(name)) return 'waagent-conf';
    if (/dhcp.*lease/.test(name)) return 'dhcp-lease';
    if (/\.status$/.test(name)) return 'extension-status';
    if (/\.settings$/.test(name)) return 'extension-settings';
    if (/waagent.*\.log|agent.*\.log$/.test(name)) return 'waagent-log';
    if (/extension.*\.log$/.test(name)) return 'vmsnapshot-extension-log';
    return undefined;
  };
  const walk = (dir: string, depth: number) => {
    if (depth > 8) return;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      try {
        const s = statSync(p);
        if (s.isDirectory()) walk(p, depth + 1);
        else {
          const kind = corpusKind(n);
          if (kind) add(kind, readFileSync(p));
        }
      } catch {
        /* unreadable corpus file */
      }
    }
  };
  if (existsSync(CORPUS)) walk(CORPUS, 0);
  return seeds;
}

const SEEDS = fileSeeds();
const ALL_SEEDS = [...SEEDS.values()].flat();

/* ---------- mutations (near-valid input) ---------- */

type Mutation =
  | { op: 'cut'; at: number }
  | { op: 'flip'; at: number; byte: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'giant'; at: number; size: number }
  | { op: 'crlf' }
  | { op: 'dupline'; at: number }
  | { op: 'bignum' };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('flip' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.constantFrom(...['\n', '\r\n', '\0', '\uFFFD', '\xff\xfe', '"', '<', ']]>', '<!DOCTYPE x [<!ENTITY a "b">]>', '&amp;', '{', '}', '[', '\u202E', 'sig=', '\\u0000'].map((s) => new Uint8Array(Buffer.from(s, 'latin1')))),
    ),
  }),
  fc.record({ op: fc.constant('giant' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), size: fc.integer({ min: 60_000, max: 140_000 }) }),
  fc.constant({ op: 'crlf' as const }),
  fc.record({ op: fc.constant('dupline' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.constant({ op: 'bignum' as const }),
);

function mutate(seed: Buffer, ms: Mutation[]): Buffer {
  let b = seed;
  for (const m of ms) {
    const pos = 'at' in m ? Math.floor(m.at * b.length) : 0;
    switch (m.op) {
      case 'cut':
        b = b.subarray(0, pos);
        break;
      case 'flip':
        if (b.length) {
          b = Buffer.from(b);
          b[Math.min(pos, b.length - 1)] = m.byte;
        }
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, pos), Buffer.from(m.bytes), b.subarray(pos)]);
        break;
      case 'giant':
        // Longer than MAX_LINE_HEAD (64 KiB): the head is kept, the rest counted.
        b = Buffer.concat([b.subarray(0, pos), Buffer.alloc(m.size, 0x41), b.subarray(pos)]);
        break;
      case 'crlf':
        b = Buffer.from(b.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
        break;
      case 'dupline': {
        const s = b.toString('latin1');
        const lines = s.split('\n');
        const i = Math.floor((m.at ?? 0) * lines.length);
        lines.splice(i, 0, lines[i] ?? '');
        b = Buffer.from(lines.join('\n'), 'latin1');
        break;
      }
      case 'bignum':
        b = Buffer.from(b.toString('latin1').replace(/\d+/, '99999999999999999999999999999999999'), 'latin1');
        break;
    }
  }
  return b;
}

/* ---------- the properties ---------- */

function lineCount(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(0x0a); i !== -1; i = b.indexOf(0x0a, i + 1)) n++;
  if (b.length > 0 && b[b.length - 1] !== 0x0a) n++;
  return n;
}

interface Sunk {
  records: RecordInput[];
  facts: Fact[];
  warnings: { message: string; line?: number }[];
}

async function runParser(kind: FileKind, data: Buffer): Promise<Sunk> {
  const parser = PARSERS[kind]!;
  const file: BundleFile = { id: 0, vmPath: pathFor(kind), kind, size: data.length, truncated: false, origin: 'fuzz', input: 0, warnings: [] };
  const out: Sunk = { records: [], facts: [], warnings: [] };
  await within(5_000, `${kind} parser`, parser({ file, content: new BufferContent(data) }, { record: (r) => out.records.push({ ...r }), fact: (f) => out.facts.push(f), warn: (note, line) => out.warnings.push({ message: renderAnalysis(note, 'en'), line }) }));
  return out;
}

function checkPositions(kind: string, data: Buffer, s: Sunk): void {
  const lines = lineCount(data);
  const vmPath = pathFor(kind as FileKind);
  for (const r of s.records) {
    expect(Number.isInteger(r.line) && r.line >= 1, `${kind}: record line ${r.line}`).toBe(true);
    expect(r.lineCount, `${kind}: record lineCount`).toBeGreaterThanOrEqual(1);
    expect(r.line + r.lineCount - 1, `${kind}: record ends past the last line (${lines})`).toBeLessThanOrEqual(lines);
    expect(r.offset, `${kind}: offset`).toBeGreaterThanOrEqual(0);
    expect(r.length, `${kind}: length`).toBeGreaterThanOrEqual(0);
    expect(r.offset + r.length, `${kind}: byte range past the end (${data.length})`).toBeLessThanOrEqual(data.length);
  }
  for (const f of s.facts) {
    expect(f.at.file, `${kind}: fact file`).toBe(vmPath);
    expect(Number.isInteger(f.at.line) && f.at.line >= 0, `${kind}: fact line ${f.at.line}`).toBe(true);
    // Line 0 means "the whole file"; a few structured parsers say line 1 for an empty file (reported),
    // which still points at no other file's content, so the bound is max(1, lines).
    expect(f.at.line, `${kind}: fact line past the end (${lines})`).toBeLessThanOrEqual(Math.max(1, lines));
    expect(typeof f.at.text, `${kind}: fact text`).toBe('string');
    // Evidence is a line, not a file: bounded however long the line was.
    expect(f.at.text.length, `${kind}: fact text is not bounded`).toBeLessThanOrEqual(4096);
    if (f.at.time !== null) expect(Number.isNaN(Date.parse(f.at.time)), `${kind}: fact time ${f.at.time}`).toBe(false);
  }
  for (const w of s.warnings) {
    if (w.line !== undefined) expect(w.line, `${kind}: warning line`).toBeGreaterThanOrEqual(1);
    if (w.line !== undefined) expect(w.line, `${kind}: warning line past the end`).toBeLessThanOrEqual(Math.max(1, lines));
  }
}

const KINDS = Object.keys(PARSERS) as FileKind[];
/** Kinds whose real files carry secrets (SAS URLs, protectedSettings, task tokens). */
const SECRET_KINDS = new Set<string>(['waagent-log', 'vmsnapshot-extension-log', 'extension-status', 'extension-settings', 'extensions-config-xml', 'waagent-conf']);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

describe('every registered parser survives hostile input', () => {
  it('the registry is not empty and every kind gets a realistic path', () => {
    expect(KINDS.length).toBeGreaterThan(10);
    for (const k of ['waagent-log', 'vmsnapshot-extension-log', 'extension-status', 'extensions-config-xml'] as FileKind[]) {
      expect(KINDS, k).toContain(k);
      expect(classify(pathFor(k))).toBe(k);
    }
  });

  for (const kind of KINDS) {
    describe(kind, () => {
      it('random bytes: no throw, bounded time, positions inside the file', async () => {
        await fc.assert(
          fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
            const data = Buffer.from(bytes);
            checkPositions(kind, data, await runParser(kind, data));
          }),
          { numRuns: RUNS },
        );
      });

      it('random lines: no throw, bounded time, positions inside the file', async () => {
        const lineArb = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('', '\r', '{', '<', '[', '"', '=', '# c'));
        await fc.assert(
          fc.asyncProperty(fc.array(lineArb, { maxLength: 60 }), fc.boolean(), async (lines, trailing) => {
            const data = Buffer.from(lines.join('\n') + (trailing ? '\n' : ''), 'utf8');
            checkPositions(kind, data, await runParser(kind, data));
          }),
          { numRuns: RUNS },
        );
      });

      it('near-valid files (realistic seeds, mutated): no throw, bounded time, positions inside the file', async () => {
        const own = SEEDS.get(kind) ?? [];
        const pool = own.length ? own : ALL_SEEDS;
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...pool, ...ALL_SEEDS.slice(0, 4)), fc.array(mutationArb, { maxLength: 4 }), async (seed, ms) => {
            const data = mutate(seed, ms);
            checkPositions(kind, data, await runParser(kind, data));
          }),
          { numRuns: RUNS },
        );
      });

      it('realistic seeds: positions valid, and secrets planted in them never reach a fact', async () => {
        for (const seed of ALL_SEEDS) checkPositions(kind, seed, await runParser(kind, seed));
        // Secrets where they really occur (settings, goal states, status, logs), read by their own parser.
        let facts = 0;
        for (const seed of SEEDS.get(kind) ?? []) {
          const s = await runParser(kind, seed);
          facts += s.facts.length;
          checkPositions(kind, seed, s);
          const json = JSON.stringify(s.facts);
          expect(json, `${kind}: SAS signature kept in a fact`).not.toContain('Zm9vYmFyU0VDUkVUU0lHTkFUVVJF');
          expect(json, `${kind}: protectedSettings kept in a fact`).not.toContain('SEEDPROTECTED');
          expect(json, `${kind}: snapshotTaskToken kept in a fact`).not.toContain(SECRET_TOKEN);
        }
        // The parsers that meet secrets in real bundles did read the planted seeds (the check above is not vacuous).
        if (SECRET_KINDS.has(kind)) expect(facts, `${kind} produced no facts from its seeds`).toBeGreaterThan(0);
      });
    });
  }
});
