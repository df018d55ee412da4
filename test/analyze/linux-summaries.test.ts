import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import type { Finding } from '../../src/shared';

/** What a Linux finding says and cites, read on the real cases docs/AUDIT.md names. */
async function findingsOf(id: string): Promise<Finding[]> {
  const { result } = await analyzeBundle([join('test', 'cases', id, 'files')]);
  return result.findings.filter((f) => f.verdict === 'detected');
}

describe('handle.sh\'s exit codes are said as what handle.py returned, not pasted with their date', () => {
  it('says "handle.py returned 1 on every run (7 times, first to last)" (ext-pr2177)', async () => {
    const f = (await findingsOf('ext-pr2177-azurelinux4-python314-enable-exit-1')).find((x) => x.cause === 'extension-failed-state');
    expect(f?.reason).toContain('handle.py returned 1 on every run (7 times, 2026-05-21 17:04:31Z to 2026-05-22 03:08:32Z)');
    expect(f?.reason).not.toContain('PM UTC');
    expect(f?.reasonNl).toContain('handle.py gaf 1 terug bij elke uitvoering (7 keer, 2026-05-21 17:04:31Z tot 2026-05-22 03:08:32Z)');
    expect(f?.evidence).toHaveLength(7);
  }, 60_000);
});

describe('the 2.0 agent\'s closing exception is its release\'s sign, not a crash', () => {
  const places = (f: Finding | undefined) => (f?.evidence ?? []).map((e) => `${e.file.split('/').pop()}:${e.line}`);

  it('cites "Too many file under /var/lib/waagent/events" and says the sign is in the log (waagent-605)', async () => {
    const found = await findingsOf('waagent-605-2-0-18-events-folder-crash');
    const f = found.find((x) => x.cause === 'agent-outdated');
    expect(f?.reason).toContain('and the log shows its sign');
    expect(f?.reason).not.toContain('not in the bundle');
    expect(f?.reasonNl).not.toContain('niet in de bundel');
    expect(places(f)).toEqual(['waagent.log:6']);
    expect(f?.evidence[0].text).toContain('Too many file under /var/lib/waagent/events');
    expect(found.map((x) => x.cause)).not.toContain('agent-unresponsive');
  }, 60_000);
});

describe('the agent\'s failing pass over the extensions is read in every version\'s form (WALinuxAgent #1423)', () => {
  const CASE = join('test', 'cases', 'waagent-1423-null-substatus-extension-processing-exception', 'files', 'waagent.log');
  const updating = async (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'ext-pass-'));
    writeFileSync(join(dir, 'waagent.log'), text);
    const { result } = await analyzeBundle([dir]);
    return result.findings.find((x) => x.cause === 'vm-provisioning-updating' && x.verdict === 'detected');
  };

  it('reads 2.2.x\'s WARNING line alone, and with its Event line counts the pass once', async () => {
    const lines = readFileSync(CASE, 'utf8').split('\n');
    const alone = await updating(lines.slice(0, 3).join('\n') + '\n');
    expect(alone?.evidence.map((e) => e.line)).toEqual([3]);
    expect(alone?.confidence).toBe('low');
    const both = await updating(lines.join('\n'));
    expect(both?.reason).toContain('once in these logs');
    expect(both?.confidence).toBe('low');
  }, 60_000);

  it('reads 2.4+\'s "ProcessExtensionsInGoalState - Exception processing extension handlers:" as the same failure', async () => {
    // the form exthandlers.py (v2.9.1.1:329) writes; two passes an hour apart, no goal state completed after
    const f = await updating(
      [
        '2023-08-01T09:00:00.000001Z INFO ExtHandler ExtHandler Agent WALinuxAgent-2.9.1.1 is running as the goal state agent',
        "2023-08-01T09:00:05.000001Z ERROR ExtHandler ExtHandler ProcessExtensionsInGoalState - Exception processing extension handlers:'NoneType' object is not iterable",
        "2023-08-01T10:00:05.000001Z ERROR ExtHandler ExtHandler ProcessExtensionsInGoalState - Exception processing extension handlers:'NoneType' object is not iterable",
        '',
      ].join('\n'),
    );
    expect(f?.confidence).toBe('medium');
    expect(f?.reason).toContain("Exception processing extension handlers: 'NoneType' object is not iterable");
    expect(f?.evidence.map((e) => e.line)).toEqual([2, 3]);
  }, 60_000);
});

describe('a freeze failure that names no mount cites the mount the freeze binary was freezing', () => {
  // waagent-525's excerpt (Azure/WALinuxAgent#525) with its `Failed to FIFREEZE: /data/dblog` line replaced by the
  // extension's own "freeze failed for some mount" (VMBackup fsfreezer.py of that era), which names no mount
  const CASE = join('test', 'cases', 'waagent-525-fifreeze-new-volume', 'files', 'extension.log');
  const fsfreeze = async (lines: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'freeze-mount-'));
    writeFileSync(join(dir, 'extension.log'), lines.join('\n') + '\n');
    const { result } = await analyzeBundle([dir]);
    return result.findings.find((x) => x.cause === 'fsfreeze-failed' && x.verdict === 'detected');
  };
  const head = () => readFileSync(CASE, 'utf8').split('\n').filter((l) => /Info {2}/.test(l) && !/Failed to FIFREEZE/.test(l));
  const failed = '2016/12/10 01:11:00 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]2016-12-10 01:11:00.532512  Info  freeze failed for some mount';

  it('2016\'s "freezing the mount: <mount>" form, not the thaw\'s "unfreezing the mount:"', async () => {
    const unfreeze = '2016/12/10 01:11:00 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]2016-12-10 01:11:00.532000  Info  unfreezing the mount: /mnt';
    const f = await fsfreeze([...head(), unfreeze, failed]);
    expect(f?.reason).toContain('(the last mount the freeze binary began to freeze: /data/dblog)');
    expect(f?.reasonNl).toContain('(het laatste koppelpunt dat het bevriesprogramma begon te bevriezen: /data/dblog)');
    expect(f?.evidence.some((e) => e.text.includes('freezing the mount: /data/dblog'))).toBe(true);
  }, 60_000);

  it('the "Freezing: <mount>" form of safefreeze since 2016-12', async () => {
    const f = await fsfreeze([...head().map((l) => l.replace('freezing the mount: ', 'Freezing: ')), failed]);
    expect(f?.reason).toContain('(the last mount the freeze binary began to freeze: /data/dblog)');
  }, 60_000);

  it('a failing line that names the mount is said as before (waagent-525)', async () => {
    const f = (await findingsOf('waagent-525-fifreeze-new-volume')).find((x) => x.cause === 'fsfreeze-failed');
    expect(f?.reason).toContain('the freeze of /data/dblog failed');
    expect(f?.reason).not.toContain('began to freeze');
  }, 60_000);
});
