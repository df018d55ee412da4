import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { renderAnalysis } from '../../src/shared/i18n/analysis';
import { takeRelayed } from '../../src/main/parse/types';
import { parse } from '../parse/state/run-parser';
import { KERNEL_LINE, onSerialConsole } from '../helpers/serial-console';
import { ROOT } from '../helpers/paths';

/**
 * The VM's serial console (boot diagnostics' serial log): the agent's records sit among the kernel's, systemd's and
 * cloud-init's lines, after more boot lines than the head a format is told by. Real lines: test/fixtures/system
 * (SOURCE.md) and the cases' own waagent.log.
 */
const CASES = join(ROOT, 'test', 'cases');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'system');
const caseLog = (id: string) => readFileSync(join(CASES, id, 'files', 'waagent.log'), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'vmbd-serial-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function saved(name: string, text: string): string {
  const p = join(mkdtempSync(join(tmp, 'in-')), name);
  writeFileSync(p, text);
  return p;
}

const detected = (fs: readonly Finding[]) => fs.filter((f) => f.verdict === 'detected').map((f) => `${f.cause} (${f.confidence})`);

describe("a serial console log whose agent lines come after the kernel's boot lines", () => {
  it('is taken for the serial console, not for dmesg, by what it holds after its head', async () => {
    const log = caseLog('waagent-2684-openssl-conf-no-value');
    const text = onSerialConsole(log);
    expect(text.indexOf(log.split('\n')[0])).toBeGreaterThan(4096);
    const { result } = await analyzeBundle([saved('attachment-1.txt', text)]);
    const [file] = result.files;
    expect(file).toMatchObject({ kind: 'serial-console', vmPath: 'serial-console.log', givenName: 'attachment-1.txt', relaysAgentLog: true });
    expect(renderAnalysis(file.warnings[0].note!, 'en')).toContain("the VM's serial console log (boot diagnostics)");
    expect(renderAnalysis(file.warnings[0].note!, 'nl')).toContain('het log van de seriële console van de VM');
  });

  it('named as boot diagnostics saves it, it is the serial console by its name', async () => {
    const { result } = await analyzeBundle([saved('vm1.5f8a0c2e-3b1d-4c7e-9a6f-2d4b8e1c7a90.serialconsole.log', onSerialConsole(caseLog('waagent-2684-openssl-conf-no-value')))]);
    expect(result.files.map((f) => [f.kind, f.warnings.length])).toEqual([['serial-console', 0]]);
  });

  it.each(['waagent-2684-openssl-conf-no-value', 'waagent-797-wireserver-503-blocked', 'waagent-1335-static-ip-no-dhcp', 'waagent-1035-2-2-21-events-recursion-exthandler-crash'])(
    '%s: the agent lines in it give the findings its waagent.log gives',
    async (id) => {
      const log = caseLog(id);
      const want = detected((await analyzeBundle([saved('waagent.log', log)])).result.findings);
      expect(want.length).toBeGreaterThan(0);
      for (const eol of ['\n', '\r\n']) {
        const got = detected((await analyzeBundle([saved('bootlog.txt', onSerialConsole(log, eol))])).result.findings);
        expect(got).toEqual(want);
      }
    },
  );

  it("a kernel log alone stays dmesg, and the look further stops at 1 MiB (a huge file is not read whole for it)", async () => {
    const boot = readFileSync(join(FIXTURES, 'waagent-2498-serial-boot-log.txt'), 'utf8');
    const dmesgOnly = boot.repeat(8);
    expect((await analyzeBundle([saved('kernel.txt', dmesgOnly)])).result.files[0].kind).toBe('dmesg');
    const far = `${boot.repeat(Math.ceil((1 << 20) / boot.length) + 1)}${caseLog('waagent-2684-openssl-conf-no-value')}`;
    expect((await analyzeBundle([saved('kernel.txt', far)])).result.files[0].kind).toBe('dmesg');
  });
});

describe("the agent's records on a serial console are read where other writers cut into them", () => {
  it("a record on the line of getty's prompt is read from its time (#965)", async () => {
    const text = readFileSync(join(FIXTURES, 'waagent-965-serial-console-login.txt'), 'utf8');
    const p = await parse('serial-console.log', text);
    const relayed = p.facts.filter((f) => takeRelayed(f));
    expect(relayed.length).toBeGreaterThan(0);
    const first = relayed.find((f) => f.at.line === 3)!;
    expect(first).toBeDefined();
    expect(first.at.time).toBe('2017-12-08T01:24:19.945Z');
  });

  it('a kernel line that cut into a record does not end the record, and a kernel line on its own is not the agent\'s (#1544)', async () => {
    const spliced = readFileSync(join(FIXTURES, 'waagent-1544-serial-console-splice.txt'), 'utf8');
    const text = `${spliced}${KERNEL_LINE}\n`;
    const p = await parse('serial-console.log', text);
    // the agent's two records, the kernel's own line its own record (the second record keeps its last letter's line)
    const starts = p.records.map((r) => r.line);
    expect(starts).toEqual([1, 2, 4]);
    expect(p.records[1].lineCount).toBe(2);
  });
});
