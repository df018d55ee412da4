import { describe, expect, it } from 'vitest';
import { only, parse } from '../state/run-parser';

/** ABRT's Python hook line naming an extension's handler script: that extension crashed (syslog.ts ABRT_PYTHON). */
describe("ABRT's unhandled Python exception in an extension's handler", () => {
  // the two lines of Azure/azure-linux-extensions#120 as posted ("Alert in message.log", no syslog header or time)
  const POSTED = [
    "abrt: detected unhandled Python exception in '/var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.7.0/main/handle.py'",
    "DiskUtil.py:107:get_device_items:NameError: global name 'CommonVariables' is not defined",
  ].join('\n');

  it('is the extension crashing, with no time when its line has none (azure-linux-extensions#120)', async () => {
    const p = await parse('var/log/messages', POSTED);
    expect(only(p, 'extension-status-problem')).toEqual([
      expect.objectContaining({ handler: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', timeMs: NaN, detail: expect.stringContaining('handle.py'), at: expect.objectContaining({ line: 1, zone: 'none' }) }),
    ]);
  });

  it("reads the message under syslog's abrt: tag or the journal's python3[pid]: alike, and only for the agent's folder", async () => {
    // constructed: #120's message behind an RFC 3339 syslog header and behind the journal's process prefix, and the
    // same message for a script outside the agent's folder (not an extension)
    const text = [
      "2024-05-29T05:45:42.987587+00:00 vm1 abrt: detected unhandled Python exception in '/var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9217.0/main/handle.py'",
      "2024-05-29T05:46:42.000000+00:00 vm1 python3[3292]: detected unhandled Python exception in '/var/lib/waagent/Microsoft.OSTCExtensions.CustomScriptForLinux-1.5.4/customscript.py'",
      "2024-05-29T05:47:42.000000+00:00 vm1 python3[3293]: detected unhandled Python exception in '/usr/bin/miniterm.py'",
    ].join('\n');
    const facts = only(await parse('var/log/messages', text), 'extension-status-problem');
    expect(facts.map((f) => [f.handler, f.at.line, f.timeMs])).toEqual([
      ['Microsoft.Azure.RecoveryServices.VMSnapshotLinux', 1, Date.parse('2024-05-29T05:45:42.987Z')],
      ['Microsoft.OSTCExtensions.CustomScriptForLinux', 2, Date.parse('2024-05-29T05:46:42Z')],
    ]);
  });
});
