import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kindOfPath } from '../../src/shared/formats';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { ROOT } from '../helpers/paths';

/**
 * A sosreport saves command outputs under sos_commands/: they are not VM files, but the agent unit's
 * status, its journal, the firewall and df are what the service-output format reads.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('sosreport command outputs', () => {
  it.each([
    ['sos_commands/systemd/systemctl_status_--all', 'service-output'],
    ['sos_commands/logs/journalctl_--no-pager_--boot', 'service-output'],
    ['sos_commands/networking/iptables_-vnxL', 'service-output'],
    ['sos_commands/filesys/df_-al_-x_autofs', 'service-output'],
    ['sos_commands/kernel/uname_-a', 'other'],
    // a generic glob of a VM format never claims a command output
    ['sos_commands/logs/waagent.log', 'other'],
  ])('%s → %s', (path, kind) => {
    expect(kindOfPath(path)).toBe(kind);
  });

  it("the agent unit's status in a sosreport tells that the agent was not running", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-sos-'));
    dirs.push(dir);
    const top = join(dir, 'sosreport-vm1-2026-11-20-abcdef');
    mkdirSync(join(top, 'sos_commands', 'systemd'), { recursive: true });
    mkdirSync(join(top, 'etc'), { recursive: true });
    // systemctl status as posted in Azure/WALinuxAgent#767 (test/cases/waagent-767-service-inactive-dead)
    cpSync(join(ROOT, 'test', 'cases', 'waagent-767-service-inactive-dead', 'files', 'terminal-output.txt'), join(top, 'sos_commands', 'systemd', 'systemctl_status_--all'));
    writeFileSync(join(top, 'etc', 'hostname'), 'vm1\n');
    const r = (await analyzeBundle([dir])).result;
    expect(r.inputs[0].kind).toBe('sosreport');
    expect(r.files.find((f) => f.vmPath === 'sos_commands/systemd/systemctl_status_--all')?.kind).toBe('service-output');
    expect(r.findings.find((f) => f.cause === 'agent-not-running')).toMatchObject({ verdict: 'detected' });
  });
});
