import { describe, expect, it } from 'vitest';
import { caseFinding as finding } from '../helpers/real-case';


/**
 * The agent's command cannot start because its interpreter is missing: no update or restart of the agent starts it,
 * so the agent causes lead with installing the interpreter or creating its link, named from the line.
 */
describe('a missing interpreter leads the agent remedies', () => {
  // WALinuxAgent#2126, the maintainer: "your environment doesn't have a python3 link pointing to your python binary"
  const CASE = 'waagent-2126-freebsd-python3-link-missing-exthandler-launch';
  it(`${CASE}: agent-unresponsive names python3 and says the launch fails every pass`, async () => {
    const f = await finding(CASE, 'agent-unresponsive');
    expect(f.reason).toContain('its program python3 is not on the VM (No such file or directory)');
    expect(f.reason).not.toContain('once is a symptom');
    expect(f.remedy[0]).toMatch(/^Linux VMs: the agent's command cannot start, .*its interpreter python3 is not on the VM\. Install it, or create the link python3 on the PATH/);
    expect(f.remedy[0]).toContain('`service waagent restart` on FreeBSD');
    expect(f.remedyNl![0]).toMatch(/^Linux-VM's: de opdracht van de agent kan niet starten, .*de interpreter python3 staat niet op de VM/);
  }, 60_000);

  it(`${CASE}: agent-outdated does not lead with updating the agent`, async () => {
    const f = await finding(CASE, 'agent-outdated');
    expect(f.remedy[0]).toContain('its interpreter python3 is not on the VM');
    expect(f.remedy[1]).toMatch(/^Update the Linux VM agent/);
  }, 60_000);

  // dmauser/opnazure#35: the rc script's `env python` after Python 3.8 went to 3.9
  it('ext-opnazure35: the service start names python', async () => {
    const f = await finding('ext-opnazure35-opnsense-python-upgrade-waagent-fails-to-start', 'agent-not-running');
    expect(f.remedy[0]).toContain('its interpreter python is not on the VM');
  }, 60_000);

  // WALinuxAgent#2699: the RHEL 8 package's unit runs /usr/bin/python, which RHEL 8 does not have (systemd's words)
  it("waagent-2699: the unit's missing /usr/bin/python is named, as a path", async () => {
    const f = await finding('waagent-2699-service-exec-usr-bin-python-missing', 'agent-not-running');
    expect(f.reason).toContain("the agent's start runs /usr/bin/python, which the VM does not have");
    expect(f.remedy[0]).toContain('its interpreter /usr/bin/python is not on the VM. Install it, or create the link /usr/bin/python to the Python');
    expect(f.remedyNl![0]).toContain('maak de koppeling /usr/bin/python naar de Python');
  }, 60_000);

  // openlogic#116: the RPM's 2.3.1.1 calls an undefined get_python_cmd: the agent's own bug, which an update fixes
  it('openlogic-116: another launch exception keeps the update first', async () => {
    const f = await finding('openlogic-116-centos8-rpm-get-python-cmd-nameerror', 'agent-outdated');
    expect(f.remedy[0]).toMatch(/^Update the Linux VM agent/);
    expect(f.remedy.filter((s) => s.includes('python3 is not on the VM'))).toEqual([]);
  }, 60_000);
});

/** The Linux Backup extension that finds no Python: the step that installs it leads the extension's remedy. */
describe('a Backup extension without Python', () => {
  // azure-linux-extensions#946: RHEL 8 has no `python`; handle.sh logs "python version unknown" on every command
  it('ext-946-rhel8-no-python: the Python step first', async () => {
    const f = await finding('ext-946-rhel8-no-python', 'extension-failed-state');
    expect(f.remedy[0]).toMatch(/^Linux VMs \(GuestAgentPluginInstallCommandProcessingFailed, "Extension failed to start"\): make sure the Python the extension needs is installed/);
    expect(f.remedyNl![0]).toMatch(/^Linux-VM's \(GuestAgentPluginInstallCommandProcessingFailed/);
  }, 60_000);
});
