import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessVmPath } from '../../src/main/ingest/loose';
import { detectLayout } from '../../src/main/ingest/kind';
import { dirsOf, mapTruncatedName, safeMemberPath } from '../../src/main/ingest/paths';
import { applyRotation, rotationKey } from '../../src/main/ingest/rotation';
import { TailBuffer } from '../../src/main/ingest/tail';
import { renderAnalysis } from '../../src/shared/i18n/analysis';

describe('safeMemberPath', () => {
  it('normalises ordinary and Windows-style names', () => {
    expect(safeMemberPath('var/log/waagent.log')).toEqual({ ok: true, path: 'var/log/waagent.log' });
    expect(safeMemberPath('./var//log/./waagent.log')).toEqual({ ok: true, path: 'var/log/waagent.log' });
    expect(safeMemberPath('WindowsAzure\\Logs\\WaAppAgent.log')).toEqual({ ok: true, path: 'WindowsAzure/Logs/WaAppAgent.log' });
    expect(safeMemberPath('C:\\WindowsAzure\\Logs\\WaAppAgent.log')).toEqual({ ok: true, path: 'WindowsAzure/Logs/WaAppAgent.log' });
    expect(safeMemberPath('c:/Packages/Plugins/X/1.0/Status/0.status')).toEqual({ ok: true, path: 'Packages/Plugins/X/1.0/Status/0.status' });
  });

  it.each([
    ['../../etc/cron.d/evil', 'escapes'],
    ['var/log/../../../root/.ssh/authorized_keys', 'escapes'],
    ['..\\..\\Windows\\System32\\evil.dll', 'escapes'],
    ['/etc/passwd', 'absolute'],
    ['C:\\Windows\\System32\\drivers\\etc\\hosts', 'absolute-windows'],
    ['var/log/waagent.log\0.txt', 'nul'],
    ['', 'empty'],
    ['./', 'empty'],
  ] as const)('refuses %j', (name, reason) => {
    expect(safeMemberPath(name)).toEqual({ ok: false, reason });
  });

  it('never returns a path that escapes, is absolute or has empty segments (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('..', '.', '', 'a', 'b_c', 'C:', '\\', '/', '\0', 'var', 'x..y'), { maxLength: 12 }), (segs) => {
        const r = safeMemberPath(segs.join(''));
        if (!r.ok) return true;
        const parts = r.path.split('/');
        return !r.path.startsWith('/') && !parts.includes('..') && !parts.includes('') && !r.path.includes('\0') && !r.path.includes('\\');
      }),
    );
  });
});

describe('mapTruncatedName (collector `truncated_` members)', () => {
  const dirs = dirsOf(['var/log/waagent.log', 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/shell.log', 'etc/waagent.conf']);

  it('maps against the folders the bundle has, exactly', () => {
    expect(mapTruncatedName('truncated_var_log_syslog.1', dirs)).toEqual({ vmPath: 'var/log/syslog.1' });
    expect(mapTruncatedName('truncated_var_log_azure_Microsoft.Azure.RecoveryServices.VMSnapshotLinux_extension.log', dirs)).toEqual({
      vmPath: 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log',
    });
    // underscores in the file name survive when the folder is known
    expect(mapTruncatedName('truncated_var_log_azure_Microsoft.Azure.RecoveryServices.VMSnapshotLinux_host_based_extension.log', dirs).vmPath).toBe(
      'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/host_based_extension.log',
    );
  });

  it('guesses from the collector folders when the bundle lacks the folder, and says so', () => {
    const m = mapTruncatedName('truncated_var_log_azure_Microsoft.Azure.Monitor.AzureMonitorLinuxAgent_mdsd.err', new Set(['var/log']));
    expect(m.vmPath).toBe('var/log/azure/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent/mdsd.err');
    expect(renderAnalysis(m.warning!, 'en')).toBe(
      'truncated_var_log_azure_Microsoft.Azure.Monitor.AzureMonitorLinuxAgent_mdsd.err: the collector flattened its path; guessed var/log/azure/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent/mdsd.err (underscores in the name are ambiguous)',
    );
    expect(renderAnalysis(m.warning!, 'nl')).toMatch(/: de logverzamelaar heeft het pad platgeslagen; geraden: var\/log\/azure\/Microsoft\.Azure\.Monitor\.AzureMonitorLinuxAgent\/mdsd\.err \(/);
    const u = mapTruncatedName('truncated_opt_app_big_file.log', new Set());
    expect(u.vmPath).toBe('opt/app/big/file.log');
    expect(renderAnalysis(u.warning!, 'en')).toBe('truncated_opt_app_big_file.log: could not tell where this truncated file lived on the VM; guessed opt/app/big/file.log');
    expect(renderAnalysis(u.warning!, 'nl')).toBe('truncated_opt_app_big_file.log: niet te zeggen waar dit ingekorte bestand op de VM stond; geraden: opt/app/big/file.log');
  });
});

describe('rotation', () => {
  it('recognises logrotate names and ranks them', () => {
    expect(rotationKey('var/log/waagent.log')).toMatchObject({ group: 'var/log/waagent.log', cls: 0 });
    expect(rotationKey('var/log/waagent.log.3.gz')).toMatchObject({ group: 'var/log/waagent.log', cls: 2, age: 3 });
    expect(rotationKey('var/log/waagent.log-2024-01-15-1705312345.gz')).toMatchObject({ group: 'var/log/waagent.log', cls: 1, age: -1705312345000 });
    expect(rotationKey('var/log/messages-20241103')).toMatchObject({ group: 'var/log/messages', cls: 1 });
    expect(rotationKey('etc/waagent.conf')).toBeUndefined();
    expect(rotationKey('var/lib/waagent/history/x/GoalState.xml')).toBeUndefined();
  });

  it('orders each group oldest → newest, numbered files older than dated ones', () => {
    const files = [
      'var/log/waagent.log',
      'etc/waagent.conf',
      'var/log/waagent.log-2024-02-20-1708387200.gz',
      'var/log/waagent.log.1',
      'var/log/waagent.log-2024-01-15-1705312345.gz',
      'var/log/waagent.log.2.gz',
      'var/log/syslog',
      'var/log/syslog.1',
    ].map((vmPath) => ({ vmPath }) as { vmPath: string; rotation?: { group: string; index: number } });
    const out = applyRotation(files);
    expect(out.map((f) => f.vmPath)).toEqual([
      'var/log/waagent.log.2.gz',
      'var/log/waagent.log.1',
      'var/log/waagent.log-2024-01-15-1705312345.gz',
      'var/log/waagent.log-2024-02-20-1708387200.gz',
      'var/log/waagent.log',
      'etc/waagent.conf',
      'var/log/syslog.1',
      'var/log/syslog',
    ]);
    expect(out.map((f) => f.rotation?.index)).toEqual([4, 3, 2, 1, 0, undefined, 1, 0]);
  });

  it('chains a group within each VM root where a name is in it twice: two VMs\' current logs are each index 0', () => {
    type F = { vmPath: string; root: string; rotation?: { group: string; index: number } };
    const files: F[] = [
      { vmPath: 'var/log/waagent.log', root: 'case' },
      { vmPath: 'var/log/waagent.log', root: 'case/other-vm' },
      { vmPath: 'var/log/waagent.log.1', root: 'case/other-vm' },
      { vmPath: 'var/log/waagent.log.1', root: 'case' },
    ];
    const out = applyRotation(files, (f) => f.root);
    expect(out.map((f) => `${f.root}:${f.vmPath}:${f.rotation?.index}`)).toEqual([
      'case:var/log/waagent.log.1:1',
      'case:var/log/waagent.log:0',
      'case/other-vm:var/log/waagent.log.1:1',
      'case/other-vm:var/log/waagent.log:0',
    ]);
    expect(new Set(out.map((f) => f.rotation?.group))).toEqual(new Set(['var/log/waagent.log']));
    // one log's files from several inputs (a loose `.1` beside a zip's log): one chain
    const spread = applyRotation([{ vmPath: 'var/log/waagent.log', root: 'logs.zip' }, { vmPath: 'var/log/waagent.log.1', root: 'waagent.log.1' }] as F[], (f) => f.root);
    expect(spread.map((f) => `${f.vmPath}:${f.rotation?.index}`)).toEqual(['var/log/waagent.log.1:1', 'var/log/waagent.log:0']);
  });

  it('orders numbered files by number, not text (10 is older than 9)', () => {
    const out = applyRotation(['var/log/waagent.log.10.gz', 'var/log/waagent.log.9.gz', 'var/log/waagent.log'].map((vmPath) => ({ vmPath }) as { vmPath: string; rotation?: { group: string; index: number } }));
    expect(out.map((f) => f.vmPath)).toEqual(['var/log/waagent.log.10.gz', 'var/log/waagent.log.9.gz', 'var/log/waagent.log']);
  });
});

describe('TailBuffer', () => {
  it('keeps exactly the last `cap` bytes of any chunking (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 30 }), fc.integer({ min: 1, max: 100 }), (chunks, cap) => {
        const t = new TailBuffer(cap);
        for (const c of chunks) t.push(Buffer.from(c));
        const all = Buffer.concat(chunks.map((c) => Buffer.from(c)));
        expect(t.result().equals(all.subarray(Math.max(0, all.length - cap)))).toBe(true);
        expect(t.truncated).toBe(all.length > cap);
        expect(t.seen).toBe(all.length);
      }),
    );
  });
});

describe('guessVmPath (loose files)', () => {
  const vmsnapLine = Buffer.from('2026-11-19 22:00:33.000020 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]starting enable\n');
  it('places well-known names', () => {
    expect(guessVmPath('waagent.log', Buffer.alloc(0))).toEqual({ vmPath: 'var/log/waagent.log', kind: 'waagent-log' });
    expect(guessVmPath('waagent.log.2.gz', Buffer.alloc(0))).toEqual({ vmPath: 'var/log/waagent.log.2.gz', kind: 'waagent-log' });
    expect(guessVmPath('waagent.conf', Buffer.alloc(0))).toEqual({ vmPath: 'etc/waagent.conf', kind: 'waagent-conf' });
    expect(guessVmPath('GoalState.3.xml', Buffer.alloc(0))).toEqual({ vmPath: 'var/lib/waagent/GoalState.3.xml', kind: 'goal-state-xml' });
    expect(guessVmPath('WaAppAgent.log', Buffer.alloc(0))).toMatchObject({ vmPath: 'WindowsAzure/Logs/WaAppAgent.log', kind: 'windows-agent-log' });
  });
  it("reads the real name through Explorer's copy tag and a saved-on date", () => {
    for (const n of ['waagent - Copy.log', 'waagent - Copy (2).log', 'waagent_2024-01-15.log', 'waagent-20240115-1030.log']) expect(guessVmPath(n, Buffer.alloc(0))).toMatchObject({ vmPath: 'var/log/waagent.log', givenName: n });
    expect(guessVmPath('waagent.log - Copy.1', Buffer.alloc(0)).vmPath).toBe('var/log/waagent.log.1');
    expect(guessVmPath('WaAppAgent_2024-01-15.log', Buffer.alloc(0)).vmPath).toBe('WindowsAzure/Logs/WaAppAgent.log');
    // a date after the whole name is logrotate's (dateext), not a saved copy's: not taken for the current file
    expect(guessVmPath('waagent.log.20240115', Buffer.alloc(0)).vmPath).not.toBe('var/log/waagent.log');
  });
  it('sniffs which extension wrote an extension.log', () => {
    const g = guessVmPath('extension.log', vmsnapLine);
    expect(g.vmPath).toBe('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log');
    expect(renderAnalysis(g.warning!, 'en')).toBe(
      "extension.log: loose file, placed at /var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log (its name and content are those of the Backup extension's log (VMSnapshotLinux extension.log))",
    );
    expect(renderAnalysis(g.warning!, 'nl')).toBe(
      'extension.log: los bestand, geplaatst op /var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log (naam en inhoud zijn die van het log van de back-upextensie (VMSnapshotLinux extension.log))',
    );
    const other = guessVmPath('extension.log', Buffer.from('2024-01-01T00:00:00Z hello\n'));
    expect(other.vmPath).toBe('var/log/azure/unknown-extension/extension.log');
  });
  it('recognises content under an unhelpful name', () => {
    expect(guessVmPath('gs.xml', Buffer.from('<?xml version="1.0"?>\n<GoalState xmlns:i="x"><Version>2015-04-05</Version>')).vmPath).toBe('var/lib/waagent/GoalState.xml');
    // content decides: an agent log under any name is placed where waagent.log lives, and read as one
    expect(guessVmPath('agent.txt', Buffer.from('2026-11-19T21:30:12.345678Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent\n'))).toMatchObject({ vmPath: 'var/log/waagent.log', kind: 'waagent-log' });
    expect(guessVmPath('15.status', Buffer.from('[{"status":{"name":"Microsoft.Azure.RecoveryServices.VMSnapshotLinux","taskId":"x"}}]')).vmPath).toBe(
      'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/status/15.status',
    );
    const unknown = guessVmPath('notes.bin', Buffer.from([0, 1, 2, 255]));
    expect(unknown.vmPath).toBe('notes.bin');
    expect(renderAnalysis(unknown.warning!, 'en')).toBe('notes.bin: loose file, not recognised by its name or content; kept under its own name');
    expect(renderAnalysis(unknown.warning!, 'nl')).toBe('notes.bin: los bestand, niet herkend aan zijn naam of inhoud; bewaard onder zijn eigen naam');
  });
});

describe('detectLayout (bundle kind)', () => {
  it('recognises each bundle kind from member names', () => {
    expect(detectLayout(['var/log/waagent.log', 'results.txt'], 'zip')).toMatchObject({ kind: 'waagent-logcollector-zip', prefix: '' });
    expect(detectLayout(['var/log/waagent.log', 'truncated_var_log_syslog'], 'zip').kind).toBe('waagent-logcollector-zip');
    expect(detectLayout(['var/log/waagent.log'], 'zip').kind).toBe('zip');
    expect(detectLayout(['sosreport-vm1-2026-11-20-abc/var/log/waagent.log', 'sosreport-vm1-2026-11-20-abc/sos_commands/date/date'], 'tar')).toMatchObject({
      kind: 'sosreport',
      prefix: 'sosreport-vm1-2026-11-20-abc/',
    });
    expect(detectLayout(['WindowsAzure/Logs/WaAppAgent.log', 'Packages/Plugins/X/1.0/Status/0.status'], 'zip').kind).toBe('windows-guest-logs');
    expect(detectLayout(['WaAppAgent.log', 'Plugins/X/1.0/CommandExecution.log'], 'zip')).toMatchObject({ kind: 'windows-guest-logs', addPrefix: 'WindowsAzure/Logs/' });
    expect(detectLayout(['Logs/WaAppAgent.log', 'Logs/Plugins/X/1.0/CommandExecution.log'], 'folder')).toMatchObject({ kind: 'windows-guest-logs', addPrefix: 'WindowsAzure/' });
    expect(detectLayout(['Microsoft.Azure.RecoveryServices.VMSnapshot/1.0.81.0/Status/3.status'], 'folder')).toMatchObject({ kind: 'windows-guest-logs', addPrefix: 'Packages/Plugins/' });
    expect(detectLayout(['manifest.json', 'probes.json', 'var/log/waagent.log'], 'folder').kind).toBe('ssh-collection');
    expect(detectLayout(['bundle/var/log/waagent.log', 'bundle/etc/waagent.conf'], 'tar')).toMatchObject({ kind: 'tar', prefix: 'bundle/' });
    expect(detectLayout(['notes/a.txt', 'notes/b.txt'], 'tar')).toMatchObject({ kind: 'tar', prefix: '' });
  });
});
