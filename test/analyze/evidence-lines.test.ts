import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import type { Finding } from '../../src/shared';

/**
 * What a finding cites and quotes, read on the real cases docs/AUDIT.md names: the line that holds the proof (not the
 * first line of its record, nor a neighbour), and the part of a message that says what failed.
 */
async function findingsOf(id: string, portalCode?: string): Promise<Finding[]> {
  const { result } = await analyzeBundle([join('test', 'cases', id, 'files')], portalCode ? { portalCode } : {});
  return result.findings.filter((f) => f.verdict === 'detected');
}
const places = (f: Finding | undefined) => (f?.evidence ?? []).map((e) => `${e.file.split('/').pop()}:${e.line}`);

describe('a multi-line record is cited at the line that proves the finding', () => {
  it('cites the telemetry event\'s "[HTTP Failed] … timed out" line and curl\'s error, not the event head and the command (jpaztech)', async () => {
    const [f] = await findingsOf('jpaztech-notready-guest-firewall-drops-wireserver');
    expect(f.cause).toBe('no-network-wireserver');
    expect(places(f).sort()).toEqual(['terminal-output.txt:2', 'waagent.log:2']);
    expect(f.evidence.find((e) => e.file.endsWith('waagent.log'))?.text).toContain('[HTTP Failed] POST http://168.63.129.16/machine -- IOError timed out');
    expect(f.evidence.find((e) => e.file.endsWith('terminal-output.txt'))?.text).toContain('curl: (7) Failed to connect to 168.63.129.16 port 80: Connection timed out');
  }, 60_000);

  it("cites what curl printed (000), not the command typed (waagent-3492)", async () => {
    const [f] = await findingsOf('waagent-3492-iptables-drop-wireserver');
    expect(f.cause).toBe('no-network-wireserver');
    expect(places(f).sort()).toEqual(['terminal-output.txt:2', 'waagent.log:1']);
    expect(f.evidence.find((e) => e.file.endsWith('terminal-output.txt'))?.text.trim()).toBe('000');
  }, 60_000);
});

describe('a neighbour that proves nothing is not cited', () => {
  it('cites the failed install event only, not the "Download succeeded" event before it (waagent-1268)', async () => {
    const f = (await findingsOf('waagent-1268-customscript-install-exit-1')).find((x) => x.cause === 'extension-failed-state');
    expect(places(f)).toEqual(['waagent.log:7']);
  }, 60_000);

  it('a successful handler event alone is no failed extension', async () => {
    const line = readFileSync(join('test', 'cases', 'waagent-1268-customscript-install-exit-1', 'files', 'waagent.log'), 'utf8').split('\n')[2];
    expect(line).toContain('INFO Event: name=Microsoft.Azure.Extensions.CustomScript, op=Download, message=Download succeeded');
    const dir = mkdtempSync(join(tmpdir(), 'download-ok-'));
    writeFileSync(join(dir, 'waagent.log'), `${line}\n`);
    const { result } = await analyzeBundle([dir]);
    expect(result.findings.filter((x) => x.verdict === 'detected').map((x) => x.cause)).toEqual([]);
  }, 60_000);
});

describe('a loose status file that names no handler', () => {
  it('is not a second failed extension, and is cited at its message, not its first line "[" (waagent-713)', async () => {
    const f = (await findingsOf('waagent-713-linuxasm-enable-os-not-supported')).find((x) => x.cause === 'extension-failed-state');
    expect(f?.reason).toMatch(/^Extension Microsoft\.Azure\.Extensions\.LinuxAsm is in a failed state/);
    expect(f?.reason).not.toContain('unknown');
    expect(f?.reasonNl).not.toContain('unknown');
    expect(places(f).sort()).toEqual(['0.status:10', 'HandlerStatus:1']);
    expect(f?.evidence.find((e) => e.file.endsWith('0.status'))?.text).toContain('"message": "Enable ASM failed: OS is not supported.');
  }, 60_000);
});

describe('a traceback is quoted and cited at the exception it ends in, not its first frame', () => {
  it("quotes ModuleNotFoundError, not a frame of WAAgentUtil.py (ext-2172)", async () => {
    const f = (await findingsOf('ext-2172-ubuntu2604-no-module-crypt')).find((x) => x.cause === 'extension-failed-state');
    expect(f?.reason).toContain("the handler's code raised: ModuleNotFoundError: No module named 'crypt')");
    expect(f?.reason).not.toContain('WAAgentUtil.py');
    expect(places(f)).toEqual(['waagent.log:12']);
  }, 60_000);
});

describe('a Windows crash event is cited and summarised by what raised', () => {
  it('cites "Exception Info: …ConfigurationErrorsException" and names machine.config (win-learn-machine-config-agent-1026)', async () => {
    const f = (await findingsOf('win-learn-machine-config-agent-1026')).find((x) => x.cause === 'agent-not-running');
    expect(places(f)).toEqual(['Application-event.txt:14']);
    expect(f?.evidence[0].text).toBe('Exception Info: System.Configuration.ConfigurationErrorsException');
    expect(f?.reason).toContain('(1 event, System.Configuration.ConfigurationErrorsException, the sign of a missing or corrupt .NET configuration file, machine.config)');
    expect(f?.reasonNl).toContain('(1 gebeurtenis, System.Configuration.ConfigurationErrorsException, het teken van een ontbrekend of beschadigd .NET-configuratiebestand, machine.config)');
  }, 60_000);
});

describe("an extension's failed status is quoted from its StdErr substatus", () => {
  it('quotes "The argument … does not exist", not "Finished executing command" (win-learn-features-windows-instance-view-cse-failed)', async () => {
    const f = (await findingsOf('win-learn-features-windows-instance-view-cse-failed')).find((x) => x.cause === 'extension-failed-state');
    expect(f?.reason).toContain("status error, code -196608: The argument 'cseTest%20Scriptparam1.ps1' to the -File parameter does not exist.");
    expect(f?.reason).not.toContain('Finished executing command');
    expect(places(f)).toEqual(['instance-view.json:14']);
  }, 60_000);
});

describe('a record is cited once per finding', () => {
  it("cites the goal-state line once though it is both a failed call and a goal-state error (waagent-1801)", async () => {
    const f = (await findingsOf('waagent-1801-host-wireserver-restart-timeouts')).find((x) => x.cause === 'no-network-wireserver');
    expect(places(f)).toEqual(['waagent.log:1', 'waagent.log:2', 'waagent.log:3']);
  }, 60_000);
});
