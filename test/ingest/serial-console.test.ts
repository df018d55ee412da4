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

describe('a serial console pasted into the window (the portal\'s serial log, copied)', () => {
  it.each(['waagent-2684-openssl-conf-no-value', 'waagent-797-wireserver-503-blocked'])('%s: read as the serial console, with the findings its waagent.log gives', async (id) => {
    const log = caseLog(id);
    const want = detected((await analyzeBundle([saved('waagent.log', log)])).result.findings);
    const { result } = await analyzeBundle([{ pasted: onSerialConsole(log) }]);
    expect(result.files.map((f) => [f.kind, f.vmPath, f.relaysAgentLog])).toEqual([['serial-console', 'serial-console.log', true]]);
    expect(detected(result.findings)).toEqual(want);
  });

  it("the consoles of #965 (a record on getty's prompt) and #1544 (a kernel line cut into a record) pasted as posted", async () => {
    for (const name of ['waagent-965-serial-console-login.txt', 'waagent-1544-serial-console-splice.txt']) {
      const { result } = await analyzeBundle([{ pasted: readFileSync(join(FIXTURES, name), 'utf8') }]);
      expect(result.files.map((f) => f.kind)).toEqual(['serial-console']);
      expect(renderAnalysis(result.files[0].warnings[0].note!, 'en')).toContain("the VM's serial console log");
    }
  });

  it('a dmesg and a waagent.log pasted one after the other stay two files', async () => {
    const boot = readFileSync(join(FIXTURES, 'waagent-2498-serial-boot-log.txt'), 'utf8');
    const { result } = await analyzeBundle([{ pasted: `${boot}\n${caseLog('waagent-2684-openssl-conf-no-value')}` }]);
    expect(result.files.map((f) => f.kind).sort()).toEqual(['dmesg', 'waagent-log']);
  });
});

describe("a bundle whose agent lines are only the serial console's", () => {
  const extensionLog = readFileSync(join(CASES, 'ext-1868-freeze-never-thawed', 'files', 'extension.log'), 'utf8');
  const notRunning = (fs: readonly Finding[]) => fs.find((f) => f.cause === 'agent-not-running');

  it("the console's silence after the agent's records is no stopped agent: from 2.2.53 it writes there only until provisioning ends", async () => {
    // #965's console, its two records retimed to an hour before the Backup extension's freeze (ext-1868, 2024-01-14
    // 22:16:48): the agent's last word on the console, the extension's lines going on an hour later
    const console = readFileSync(join(FIXTURES, 'waagent-965-serial-console-login.txt'), 'utf8').replace(/2017\/12\/08 01:24/g, '2024/01/14 21:16');
    const dir = mkdtempSync(join(tmp, 'bundle-'));
    writeFileSync(join(dir, 'extension.log'), extensionLog);
    writeFileSync(join(dir, 'vm1.5f8a0c2e-3b1d-4c7e-9a6f-2d4b8e1c7a90.serialconsole.log'), console);
    const { result } = await analyzeBundle([dir]);
    expect(result.files.find((f) => f.kind === 'serial-console')?.relaysAgentLog).toBe(true);
    expect(notRunning(result.findings)).toMatchObject({ verdict: 'not-evaluable' });
    const alone = (await analyzeBundle([saved('extension.log', extensionLog)])).result;
    expect(detected(result.findings)).toEqual(detected(alone.findings));
  });

  it("a console whose records say the agent ran (#965, #1544, the 2.2.53+ daemon's `End of log to /dev/console`) is never an agent that did not run", async () => {
    const firstBoot = readFileSync(join(CASES, 'neg-waagent-2896-fedora38-rdma-not-enabled-startup', 'files', 'waagent.log'), 'utf8').split('\n').slice(0, 2).join('\n');
    expect(firstBoot).toContain('End of log to /dev/console');
    for (const text of [readFileSync(join(FIXTURES, 'waagent-965-serial-console-login.txt'), 'utf8'), readFileSync(join(FIXTURES, 'waagent-1544-serial-console-splice.txt'), 'utf8'), onSerialConsole(firstBoot)]) {
      const { result } = await analyzeBundle([saved('serial-console.log', text)]);
      expect(result.files.map((f) => f.kind)).toEqual(['serial-console']);
      expect(notRunning(result.findings)?.verdict).not.toBe('detected');
      expect(result.findings.filter((f) => f.verdict === 'detected')).toEqual([]);
    }
  });
});
