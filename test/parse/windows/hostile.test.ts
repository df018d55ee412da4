import { describe, expect, it } from 'vitest';
import { parseWindowsEventExport } from '../../../src/main/parse/windows/event-export';
import { parseIaaSBcdrLog } from '../../../src/main/parse/windows/iaasbcdr';
import { parseAgentInstallerLog } from '../../../src/main/parse/windows/installer';
import { parseWindowsPluginLog } from '../../../src/main/parse/windows/sniff';
import { parseVssadmin } from '../../../src/main/parse/windows/vssadmin';
import { parseWaAppAgent } from '../../../src/main/parse/windows/waappagent';
import type { Parser } from '../../../src/main/parse/types';
import { run } from './run';

/** Every log byte is hostile: the Windows parsers never throw, never hang, and keep no secret. */
const PARSERS: [string, Parser][] = [
  ['WaAppAgent', parseWaAppAgent],
  ['event export', parseWindowsEventExport],
  ['IaaSBcdrExtension', parseIaaSBcdrLog],
  ['installer', parseAgentInstallerLog],
  ['vssadmin', parseVssadmin],
  ['plugin log', parseWindowsPluginLog],
];

// a deterministic generator (no Math.random: a failure must be reproducible)
function* inputs(): Generator<string> {
  let x = 0x2545f491;
  const next = () => ((x = (x * 1103515245 + 12345) >>> 0), x);
  const pieces = ['[00000004] ', '[11/14/2019 05:52:13.44] ', '2024-04-17T07:19:26.812Z ', '[ERROR] ', '[HEART] ', '[Error]:\t', 'Log Name:', 'Event ID:', '<Event>', '</Event>', '<EventID>', '\t', ',', '"', '\n', '\r\n', '\u0000', '\uFFFD', ':', "'", '[8] Failed', 'Writer name: ', '{66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}', 'Command C:\\x\\enable.cmd of A.B has exited with Exit code: 1', 'Product: Windows Azure VM Agent -- Error 1722.', '__proto__', 'constructor', '"protectedSettings":"MIIBsAYJKoZIhvcNAQcDoIIBoTCC"', '?sig=abcdef123'];
  for (let n = 0; n < 300; n++) {
    let s = '';
    const len = next() % 60;
    for (let i = 0; i < len; i++) s += pieces[next() % pieces.length];
    yield s;
  }
}

describe('Windows parsers on hostile input', () => {
  for (const [name, parser] of PARSERS) {
    it(`${name}: random pieces of every format, no throw, no secret kept`, async () => {
      for (const s of inputs()) {
        const p = await run(parser, 'WindowsAzure/Logs/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/1.0.0/x.log', s);
        const json = JSON.stringify(p.facts);
        expect(json).not.toContain('MIIBsAYJKoZIhvcNAQcDoIIBoTCC');
        expect(json).not.toContain('sig=abcdef123');
        for (const r of p.records) expect(r.offset + r.length).toBeLessThanOrEqual(Buffer.byteLength(s) + 1);
      }
    });
  }

  it('one 20 MB line without a newline is read in bounded time', async () => {
    const big = `[00000004] 2024-04-17T07:19:26.812Z [ERROR] ${'Command '.repeat(2_500_000)}`;
    const t0 = Date.now();
    for (const [, parser] of PARSERS) await run(parser, 'x.log', big);
    expect(Date.now() - t0).toBeLessThan(20_000);
  }, 60_000);
});
