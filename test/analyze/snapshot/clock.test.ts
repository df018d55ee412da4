import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { ROOT } from '../../helpers/paths';
import { fmtA, fmtB, fmtD, fmtE } from '../../fixtures/snapshot/vmsnapshot-log.mjs';
import { EXT_LOG, writeBundle } from './helpers';

const P = '[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]';
const T0 = Date.parse('2026-11-19T22:00:00.000Z');

/** py3 records (UTC) with hutil.error lines (VM local) written in between, as a failing enable does. */
function mixedLog(offsetMin: number, pairs = 6): string {
  const out: string[] = [];
  for (let i = 0; i < pairs; i++) {
    const t = T0 + i * 60_000;
    out.push(`${fmtA(t)} ${P}Attempting decryption using OpenSSL CMS command (supports AES256 and DES_EDE3_CBC)`);
    out.push(`${fmtB(t + 900, offsetMin)} ERROR:${P}Failed to decrypt protected settings using both CMS and SMIME commands`);
    out.push(`${fmtA(t + 1500)} ${P}exiting`);
  }
  return out.join('\n') + '\n';
}

describe('clock inference (local − UTC offsets from lines written side by side)', () => {
  it('infers +60 min for an extension.log mixing UTC (A) and local (B) lines, and shifts its local records and facts', async () => {
    const dir = await writeBundle({ [EXT_LOG]: mixedLog(60) });
    const { result, records } = await analyzeBundle([dir]);
    expect(result.clock.offsets).toEqual([{ source: EXT_LOG, offsetMinutes: 60, basis: expect.stringMatching(/median of 12 local\/UTC line pairs/) }]);
    expect(result.clock.unresolved).toEqual([]);
    // the first B line was written at 22:00:00.900 UTC (23:00:00 local, second resolution)
    const b = [...Array(records.count).keys()].find((i) => records.zoneOf(i) === 'local-inferred')!;
    expect(new Date(records.timeOf(b)).toISOString()).toBe('2026-11-19T22:00:00.000Z');
    const cert = result.findings.find((f) => f.cause === 'certificate-missing')!;
    expect(cert.verdict).toBe('detected');
    // the B line's local 23:00:00 became 22:00:00 UTC in the evidence too
    expect(cert.evidence[0]).toMatchObject({ line: 2, time: '2026-11-19T22:00:00.000Z' });
  });

  it('rounds to quarter hours and handles zones west of UTC (UTC−5) and half-hour zones (UTC+5:30)', async () => {
    for (const off of [-300, 330]) {
      const dir = await writeBundle({ [EXT_LOG]: mixedLog(off) });
      const { result } = await analyzeBundle([dir]);
      expect(result.clock.offsets.map((o) => o.offsetMinutes)).toEqual([off]);
    }
  });

  it('infers the offset from safefreeze (E) lines next to frozen-window (D) lines', async () => {
    const lines = [
      `${fmtA(T0)} ${P}================== Logs during Freeze Start ==============`,
      `${fmtD(T0 - 9000)}  Info  ============== Binary output traces start ================= `,
      `${fmtD(T0 - 8990)}  Info  ${fmtE(T0 - 9500, 60)} ****** 2. Binary Freeze Started `,
      `${fmtD(T0 - 8980)}  Info  ${fmtE(T0 - 9400, 60)} Freezing: /data`,
      `${fmtD(T0 - 8970)}  Info  ============== Binary output traces end ================= `,
    ];
    const dir = await writeBundle({ [EXT_LOG]: lines.join('\n') + '\n' });
    const { result } = await analyzeBundle([dir]);
    expect(result.clock.offsets).toEqual([expect.objectContaining({ source: EXT_LOG, offsetMinutes: 60 })]);
  });

  it('a local-only source without an anchor is unresolved, and its times stay local', async () => {
    const onlyB = [0, 1, 2].map((i) => `${fmtB(T0 + i * 1000, 60)} ERROR:${P}Unable to locate a .settings file!`).join('\n') + '\n';
    const dir = await writeBundle({ [EXT_LOG]: onlyB });
    const { result, records } = await analyzeBundle([dir]);
    expect(result.clock.offsets).toEqual([]);
    expect(result.clock.unresolved).toEqual([EXT_LOG]);
    expect(records.zoneOf(0)).toBe('local');
  });

  it("borrows waagent.log's offset for a local source of the same VM without an anchor of its own", async () => {
    const waagent = readFileSync(join(ROOT, 'assets', 'sample', 'vm', 'var', 'log', 'waagent.log'), 'utf8');
    const onlyB = [0, 1].map((i) => `${fmtB(T0 + i * 1000, 60)} ERROR:${P}Unable to locate a .settings file!`).join('\n') + '\n';
    const dir = await writeBundle({ 'var/log/waagent.log': waagent, [EXT_LOG]: onlyB });
    const { result } = await analyzeBundle([dir]);
    expect(result.clock.offsets).toContainEqual({ source: 'var/log/waagent.log', offsetMinutes: 60, basis: expect.stringMatching(/median of \d+ local\/UTC line pairs/) });
    expect(result.clock.offsets).toContainEqual({ source: EXT_LOG, offsetMinutes: 60, basis: 'no anchor of its own; applied the offset inferred from var/log/waagent.log (same VM clock)' });
    expect(result.clock.unresolved).toEqual([]);
  });
});

describe('clock inference is robust to delayed writes', () => {
  it('safefreeze lines re-logged ten minutes after a long freeze wait do not pull +60 to +45', async () => {
    const out: string[] = [];
    // two clean A/B pairs (+60)
    out.push(`${fmtA(T0)} ${P}Attempting decryption using OpenSSL CMS command (supports AES256 and DES_EDE3_CBC)`);
    out.push(`${fmtB(T0 + 500, 60)} ERROR:${P}Failed to decrypt protected settings using both CMS and SMIME commands`);
    // six E lines inside a D block, logged 10 minutes after they happened (diff +50)
    out.push(`${fmtA(T0 + 700_000)} ${P}================== Logs during Freeze Start ==============`);
    out.push(`${fmtD(T0 + 600_000)}  Info  ============== Binary output traces start ================= `);
    for (let i = 0; i < 6; i++) out.push(`${fmtD(T0 + 600_010 + i)}  Info  ${fmtE(T0 + i * 1000, 60)} sleep for 1 second `);
    out.push(`${fmtD(T0 + 600_020)}  Info  ============== Binary output traces end ================= `);
    const dir = await writeBundle({ [EXT_LOG]: out.join('\n') + '\n' });
    const { result } = await analyzeBundle([dir]);
    expect(result.clock.offsets.map((o) => o.offsetMinutes)).toEqual([60]);
  });
});
