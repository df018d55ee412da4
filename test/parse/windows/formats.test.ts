import { describe, expect, it } from 'vitest';
import { eventExportShape, parseWindowsEventExport } from '../../../src/main/parse/windows/event-export';
import { parseIaaSBcdrLog } from '../../../src/main/parse/windows/iaasbcdr';
import { windowsFormatOf } from '../../../src/main/parse/windows/sniff';
import { VSS_SIGNATURES, vssSignatureOf } from '../../../src/main/parse/windows/vss';
import { parseVssadmin } from '../../../src/main/parse/windows/vssadmin';
import { BufferContent } from '../../../src/main/ingest/content';
import type { RecordInput } from '../../../src/main/records/store';
import { of, run } from './run';
import { VSS_8194_WRAPPED } from './samples';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';

// https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-azure-guest-agent (verbatim)
const EVENT_1026 = `Log Name:      Application
Source:        .NET Runtime
Date:          3/07/2023 10:25:59 AM
Event ID:      1026
Task Category: None
Level:         Error
Keywords:      Classic
User:          N/A
Computer:      vm372437823
Description:
Application: WindowsAzureGuestAgent.exe
Framework Version: v4.0.30319
Description: The process was terminated due to an unhandled exception.
Exception Info: System.Configuration.ConfigurationErrorsException
   at System.Configuration.ConfigurationSchemaErrors.ThrowIfErrors(Boolean)`;

// https://github.com/pymedusa/Medusa/issues/10135 (verbatim, tabs as posted)
const TSV = 'Error\t11/28/2021 2:43:42 PM\tService Control Manager\t7031\tNone\tThe Medusa service terminated unexpectedly.  It has done this 1 time(s).  The following corrective action will be taken in 60000 milliseconds: Restart the service.\nError\t11/28/2021 2:43:42 PM\tService Control Manager\t7024\tNone\t"The Medusa service terminated with the following service-specific error: \nThe system cannot find the path specified."\n';

// https://github.com/scm-manager/scm-manager/issues/401 (verbatim lines; the post omits some)
const XML = `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
  <System>
  <Provider Name="Service Control Manager" Guid="{555908d1-a6d7-4695-8e1e-26931d2012f4}" EventSourceName="Service Control Manager" /> 
  <EventID Qualifiers="49152">7024</EventID> 
  <Level>2</Level> 
  <TimeCreated SystemTime="2013-06-13T00:26:20.184797500Z" /> 
  <Channel>System</Channel> 
  <Computer>MT-DEVTEST.mikanetwork.com</Computer> 
  </System>
  <EventData>
  <Data Name="param1">scm-server</Data> 
  <Data Name="param2">%%0</Data> 
  </EventData>
</Event>`;

// https://github.com/Azure/WindowsVMAgent/issues/8 (verbatim)
const LOOSE = `**.NET Runtime - 1026**
Application: WaAppAgent.exe
Framework Version: v4.0.30319
Description: The process was terminated due to an unhandled exception.
Exception Info: Microsoft.WindowsAzure.GuestAgent.Core.ServiceInstallFailedException
Stack:
   at Microsoft.WindowsAzure.GuestAgent.TransparentInstaller.GuestAgentInstallerThread.<Start>b__46_0()

**Application Error - 1000**
Name der fehlerhaften Anwendung: WaAppAgent.exe, Version: 2.7.41491.1018, Zeitstempel: 0x60f1fdae
Name des fehlerhaften Moduls: KERNELBASE.dll, Version: 6.1.7601.24499, Zeitstempel: 0x5d0115f1`;

// http://gilkirkpatrick.com/Blog/post/Volume-Shadow-Copy-Service-operation-failed2c-error-0x800423f0 (verbatim)
const VSSADMIN = `C:\\Windows\\system32>vssadmin list writers
vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool
(C) Copyright 2001-2005 Microsoft Corp.

Writer name: 'Microsoft Hyper-V VSS Writer'
   Writer Id: {66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}
   Writer Instance Id: {6162e336-7448-4371-93a7-29581512b103}
   State: [8] Failed
   Last error: Inconsistent shadow copy

Writer name: 'System Writer'
   Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}
   Writer Instance Id: {b1c47cec-0e12-4ac6-b84b-9c1d8292a9f3}
   State: [5] Waiting for completion
   Last error: No error
`;

// Azure Backup TSG (public mirror): IaaSBcdrExtension.log lines as quoted (timestamps dropped by the TSG)
const BCDR_OK = `[Information]:\tLoading configuration {ConfigFile = C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot
[Information]:\tRegistered the provider with VSS
[Information]:\tWaiting for GatherWriterMetadata
Adding drive to snapshotset....
[Information]:\tWaiting for GatherWriterStatusPreBackup
[Information]:\tWaiting for PrepareForBackup
[Information]:\tWaiting for DoSnapshotSet
[Information]:\tDoSnapshotSet {TimeTaken = 0}
[Information]:\tWaiting for BackupComplete
[Information]:\tDoSnapshot {TimeTaken = 0}
DoSnapshotHost=complete. startTime:2021-01-06T21:41:03.2451404Z, completionTime:2021-01-06T21:41:04.4326503Z, TotalTimeTaken:00:00:01.1875099
DoSnapshot=complete. WaitResult:True, AnySnapshotFailed:False, AllSnapshotFailed:False, ReturnValue:True, DoSnapshotRunDuration:00:00:01.2031081`;
const BCDR_ERR = '2018-12-04T07:52:28.8611188Z [Error]: Install provider failed {Exception = System.Runtime.InteropServices.COMException (0x80110401): Errors occurred accessing one or more objects - the ErrorInfo collection may have more detail (Exception from HRESULT: 0x80110401)';
const BCDR_PATH = 'WindowsAzure/Logs/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/1.0.57.0/IaaSBcdrExtension.log';

describe('event log exports', () => {
  it('Event Viewer text: the agent crash (.NET Runtime 1026) → windows-event + agent-lifecycle crash', async () => {
    expect(eventExportShape(EVENT_1026)).toBe('text');
    const p = await run(parseWindowsEventExport, 'Application.txt', EVENT_1026);
    expect(of(p, 'windows-event')[0]).toMatchObject({ channel: 'Application', provider: '.NET Runtime', eventId: 1026, level: 'error', meaning: 'agent-crash', subject: 'WindowsAzureGuestAgent.exe', at: { line: 14, zone: 'local', time: '2023-03-07T10:25:59.000Z' } });
    // the finding cites what raised (the description's first Exception Info line), not "Log Name: Application" nor
    // the line naming the process
    expect(of(p, 'windows-event')[0].at.text).toBe('Exception Info: System.Configuration.ConfigurationErrorsException');
    expect(p.records[0]).toMatchObject({ line: 1 });
    expect(of(p, 'agent-lifecycle')[0]).toMatchObject({ event: 'crash' });
    expect(p.records).toHaveLength(1);
  });

  it('tab-separated: a quoted description over two lines; a service that is not the agent means nothing', async () => {
    expect(eventExportShape(TSV)).toBe('tsv');
    const p = await run(parseWindowsEventExport, 'System.txt', TSV);
    const ev = of(p, 'windows-event');
    expect(ev.map((e) => [e.eventId, e.provider, e.at.line, e.meaning])).toEqual([
      [7031, 'Service Control Manager', 1, undefined],
      [7024, 'Service Control Manager', 2, undefined],
    ]);
    expect(ev[1].message).toContain('The system cannot find the path specified.');
    expect(ev[0].at.time).toBe('2021-11-28T14:43:42.000Z');
    expect(of(p, 'agent-lifecycle')).toEqual([]);
  });

  it('XML: UTC time, parameters as the message', async () => {
    expect(eventExportShape(XML)).toBe('xml');
    const p = await run(parseWindowsEventExport, 'System.xml', XML);
    expect(of(p, 'windows-event')[0]).toMatchObject({ eventId: 7024, provider: 'Service Control Manager', channel: 'System', level: 'error', at: { time: '2013-06-13T00:26:20.184Z', zone: 'utc' } });
    expect(of(p, 'windows-event')[0].message).toContain('scm-server');
  });

  it('descriptions pasted without labels (.NET 1026, German Application Error 1000) for RdAgent', async () => {
    expect(eventExportShape(LOOSE)).toBe('loose');
    const p = await run(parseWindowsEventExport, 'events.txt', LOOSE);
    expect(of(p, 'windows-event').map((e) => [e.eventId, e.meaning, e.subject])).toEqual([
      [1026, 'agent-crash', 'WaAppAgent.exe'],
      [1000, 'agent-crash', 'WaAppAgent.exe'],
    ]);
    expect(of(p, 'agent-lifecycle')).toHaveLength(2);
  });

  it('something else is not an export', () => {
    expect(eventExportShape('2024-01-01T00:00:00Z INFO hello\n')).toBeNull();
  });
});

describe('VSS', () => {
  it('every VSS signature matches its sample', () => {
    for (const s of VSS_SIGNATURES) {
      expect(s.source).toMatch(/^https?:\/\//);
      expect(vssSignatureOf(s.sample, s.event)?.id).toBe(s.id);
    }
  });

  it('VSS 8229: a writer vetoing a snapshot phase is a VSS failure only as that event; OnIdentify is not', () => {
    const sig = VSS_SIGNATURES.find((s) => s.id === 'writer-rejected')!;
    const vss8229 = { provider: 'VSS', id: 8229 };
    // the same insertion strings under the English first sentence (event 8229's words are localised, these are not)
    const en = `A VSS writer has rejected an event with error 0x800423f4, The writer experienced a non-transient error.\n\nOperation:\n   Freeze Event\n\nContext:\n   Execution Context: Writer\n   Writer Name: SqlServerWriter`;
    expect(vssSignatureOf(en, vss8229)?.id).toBe('writer-rejected');
    expect(vssSignatureOf(sig.sample)).toBeUndefined();
    expect(vssSignatureOf(sig.sample, { provider: 'VSS', id: 8230 })).toBeUndefined();
    expect(vssSignatureOf(en.replace('Freeze Event', 'OnIdentify Event'), vss8229)).toBeUndefined();
    expect(vssSignatureOf(en.replace('Writer\n   Writer Name', 'Coordinator\n   Writer Name'), vss8229)).toBeUndefined();
  });

  it('VSS itself broken (a class it needs not registered, the system provider not starting): only with the failing code', () => {
    // KB 2009533's 34 and 8193 (test/cases/win-kb2009550-… holds KB 2009550's 22 and 8193), KB 2009513's 11
    expect(vssSignatureOf('Volume Shadow Copy Service error: The VSS event class is not registered.  This will prevent any VSS writers from receiving events.')?.id).toBe('vss-not-registered');
    expect(vssSignatureOf('Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.  hr = 0x80040154.')?.id).toBe('vss-not-registered');
    expect(
      vssSignatureOf('Volume Shadow Copy Service information: The COM Server with CLSID {65ee1dba-8ff4-4a58-ac1c-3470ee2f376a} and name SW_PROV cannot be started. Most likely the CPU is under heavy load. [0x80080005]')?.id,
    ).toBe('system-provider-unavailable');
    // its ids masked by the customer, the provider's name still says which one
    expect(vssSignatureOf('Volume Shadow Copy Service information: The COM Server with CLSID {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} and name SW_PROV cannot be started. [0x80080005]')?.id).toBe('system-provider-unavailable');
    // the same routines failing because Windows is shutting down, another provider's class, another program's COM error
    expect(vssSignatureOf('Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.  hr = 0x8007045b, A system shutdown is in progress.')).toBeUndefined();
    expect(vssSignatureOf('Volume Shadow Copy Service information: The COM Server with CLSID {65ee1dba-8ff4-4a58-ac1c-3470ee2f376a} and name SW_PROV cannot be started. [0x8007045b, A system shutdown is in progress.]')).toBeUndefined();
    expect(vssSignatureOf('Volume Shadow Copy Service information: The COM Server with CLSID {4e14fba2-2e22-11d1-9964-00c04fbbb345} and name CEventSystem cannot be started. [0x80080005]')).toBeUndefined();
    expect(vssSignatureOf('MyApp: CoCreateInstance failed, hr = 0x80040154 (Class not registered)')).toBeUndefined();
  });

  it('vssadmin list writers: a failed writer → vss-writer + freeze-failed; [5] waiting is not a failure', async () => {
    const p = await run(parseVssadmin, 'vssadmin.txt', VSSADMIN);
    expect(of(p, 'vss-writer').map((w) => [w.writer, w.stateCode, w.failed, w.lastError])).toEqual([
      ['Microsoft Hyper-V VSS Writer', 8, true, 'Inconsistent shadow copy'],
      ['System Writer', 5, false, 'No error'],
    ]);
    const m = of(p, 'snapshot-milestone');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ milestone: 'freeze-failed', code: 121, at: { line: 8 } });
  });
});

describe('IaaSBcdrExtension.log', () => {
  it('a successful flow: enable, VSS freeze, snapshot set, host snapshot, success', async () => {
    const p = await run(parseIaaSBcdrLog, BCDR_PATH, BCDR_OK);
    const m = of(p, 'snapshot-milestone');
    expect(m.map((x) => x.milestone)).toEqual(['extension-version', 'enable-start', 'daemon-start', 'freeze-start', 'frozen', 'snapshot-end', 'final-status']);
    expect(m.find((x) => x.milestone === 'snapshot-end')).toMatchObject({ path: 'host', durationMs: 1187 });
    expect(m[0].extensionVersion).toBe('1.0.57.0');
    expect(p.records).toHaveLength(12);
  });

  it('ending on "Waiting for <VSS phase>" is a VSS hang', async () => {
    const p = await run(parseIaaSBcdrLog, BCDR_PATH, BCDR_OK.split('\n').slice(0, 6).join('\n'));
    expect(of(p, 'snapshot-milestone').pop()).toMatchObject({ milestone: 'freeze-signals', at: { line: 6 } });
  });

  it('the VSS provider install failure (COM+) fails the extension', async () => {
    const p = await run(parseIaaSBcdrLog, BCDR_PATH, BCDR_ERR);
    expect(of(p, 'extension-operation')[0]).toMatchObject({ handler: 'Microsoft.Azure.RecoveryServices.VMSnapshot', op: 'enable', outcome: 'failed', at: { time: '2018-12-04T07:52:28.861Z', zone: 'utc' } });
    expect(of(p, 'snapshot-milestone').map((x) => x.milestone)).toContain('exception');
  });
});

describe('recognising Windows formats by content', () => {
  it('names each format and leaves other text alone', () => {
    expect(windowsFormatOf('x/System.txt', EVENT_1026)).toBe('event-export');
    expect(windowsFormatOf('x/notes.txt', VSSADMIN)).toBe('vss-writers');
    expect(windowsFormatOf('x/a.log', BCDR_OK)).toBe('vmsnapshot-log');
    expect(windowsFormatOf('x/a.log', BCDR_ERR)).toBe('vmsnapshot-log');
    expect(windowsFormatOf('x/a.log', '[00000006] [11/14/2019 05:52:13.44] [INFO]  WindowsAzureGuestAgent starting. Version 2.7.41491.949')).toBe('agent-log');
    expect(windowsFormatOf('WindowsAzure/Logs/TransparentInstaller.log', '[ERROR] x')).toBe('agent-log');
    expect(windowsFormatOf('var/log/syslog', 'Nov 20 10:00:00 host kernel: hello')).toBeNull();
    expect(windowsFormatOf('var/log/waagent.log', '2024-01-14T22:16:48.792020Z INFO ExtHandler hello')).toBeNull();
  });
});

describe('agent installer logs', () => {
  // https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-azure-guest-agent (verbatim)
  const XML = `<Event time="2019-12-12T12:49:05.163Z" category="ERROR" source="GuestAgent"><UnhandledError><Message>Setting the new RdAgent service path in registry failed.</Message><Number>424</Number><Description>Object required</Description><Source>Microsoft VBScript runtime error</Source></UnhandledError></Event>`;
  const MSI = `MSI (s) (7C:A8) [12:27:22:707]: Product: Windows Azure VM Agent - 2.7.41491.949 -- Error 1722. There is a problem with this Windows Installer package. A program run as part of the setup did not finish as expected. Contact your support personnel or package vendor.  Action CA2, location: wscript.exe, command: "C:\\Program Files\\Windows Azure VM Agent v2.7.41491.949\\\\InstallOrUpdateGA.vbs"`;

  it('an ERROR event of VmAgentInstaller.xml and an MSI product error are install failures', async () => {
    expect(windowsFormatOf('x/VmAgentInstaller.xml', XML)).toBe('agent-installer');
    expect(windowsFormatOf('x/msiexec.log', MSI)).toBe('agent-installer');
    const { parseAgentInstallerLog } = await import('../../../src/main/parse/windows/installer');
    const x = await run(parseAgentInstallerLog, 'Windows/Panther/VmAgentInstaller.xml', XML);
    expect(of(x, 'windows-agent-issue')[0]).toMatchObject({ issue: 'install-failed', at: { time: '2019-12-12T12:49:05.163Z' } });
    expect(of(x, 'windows-agent-issue')[0].detail).toContain('Setting the new RdAgent service path in registry failed.');
    const m = await run(parseAgentInstallerLog, 'Windows/Panther/msiexec.log', MSI);
    expect(of(m, 'windows-agent-issue')[0].detail).toContain('Windows Azure VM Agent - 2.7.41491.949: Error 1722.');
  });
});

describe('UTF-16 exports (Event Viewer "Save as" text, PowerShell redirection)', () => {
  const utf16 = (t: string, bom: boolean) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(t, 'utf16le')]);
  for (const bom of [true, false]) {
    it(`${bom ? 'with' : 'without'} a byte-order mark: recognised, parsed, records point at the file's bytes`, async () => {
      const buf = utf16(TSV, bom);
      const head = buf.subarray(0, 4096).toString('latin1');
      expect(eventExportShape(head)).toBe('tsv');
      const records: RecordInput[] = [];
      const facts: unknown[] = [];
      await parseWindowsEventExport(
        { file: { id: 0, vmPath: 'System.txt', kind: 'windows-event-export', size: buf.length, truncated: false, origin: 'x', input: 0, warnings: [] }, content: new BufferContent(buf) },
        { record: (r) => void records.push({ ...r }), fact: (f) => void facts.push(f), warn: () => undefined },
      );
      expect(records.length).toBe(2);
      expect(buf.toString('utf16le', records[0].offset, records[0].offset + records[0].length)).toMatch(/^Error\t11\/28\/2021 2:43:42 PM\tService Control Manager\t7031/);
      const v = Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(VSSADMIN, 'utf16le')]);
      expect(windowsFormatOf('x/out.txt', v.subarray(0, 4096).toString('latin1'))).toBe('vss-writers');
      const w: unknown[] = [];
      await parseVssadmin(
        { file: { id: 0, vmPath: 'vss.txt', kind: 'windows-vss-writers', size: v.length, truncated: false, origin: 'x', input: 0, warnings: [] }, content: new BufferContent(v) },
        { record: () => undefined, fact: (f) => void w.push(f), warn: () => undefined },
      );
      expect(w.filter((f) => (f as { kind: string }).kind === 'vss-writer')).toHaveLength(2);
    });
  }
});

describe('localised and quoted Event Viewer text', () => {
  // https://github.com/jpaztech/blog/blob/master/articles/vm/7031-rdagent-restart.md (verbatim, quoted with "> ")
  const JA = [
    '> ログの名前:   System',
    '> ソース:       Service Control Manager',
    '> 日付:         yyyy/mm/dd hh:mm:ss',
    '> イベント ID:  7031',
    '> レベル:       エラー',
    '> キーワード:   クラシック',
    '> 説明:',
    '> RdAgent サービスは予期せぬ原因により終了しました。',
    '> このサービスの終了は 1 回目です。',
    '> 次の修正操作が 0 ミリ秒以内に実行されます: サービスの再開。',
    '',
    '> ログの名前:   System',
    '> ソース:       Service Control Manager',
    '> 日付:         yyyy/mm/dd hh:mm:ss',
    '> イベント ID:  7036',
    '> レベル:       情報',
    '> キーワード:   クラシック',
    '> 説明:',
    '> RdAgent サービスは 実行中 状態に移行しました。',
  ].join('\n');

  it('Japanese labels, e-mail quoting: RdAgent died (7031) and ran again (7036)', async () => {
    expect(eventExportShape(JA)).toBe('text');
    const p = await run(parseWindowsEventExport, 'System.txt', JA);
    expect(of(p, 'windows-event').map((e) => [e.eventId, e.level, e.meaning, e.subject, e.at.line])).toEqual([
      [7031, 'error', 'agent-service-stopped', 'RdAgent', 8],
      [7036, 'information', 'agent-service-state', 'RdAgent', 19],
    ]);
    expect(of(p, 'windows-event')[0].message).toContain('RdAgent サービスは予期せぬ原因により終了しました。');
    expect(of(p, 'agent-lifecycle').map((f) => f.event)).toEqual(['crash', 'exthandler-start']);
  });
});

describe('the Windows Backup extension status file', () => {
  it('is a snapshot status as well as an extension status (codes shared with the Linux extension)', async () => {
    const { parseWindowsPluginStatus } = await import('../../../src/main/parse/windows/plugin-files');
    const dir = 'Packages/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/1.0.57.0';
    const doc = (status: string, code: number) => JSON.stringify([{ version: '1.0', timestampUTC: '2024-04-17T07:24:31Z', status: { name: 'Microsoft.Azure.RecoveryServices.VMSnapshot', operation: 'Enable', status, code, formattedMessage: { lang: 'en-US', message: 'm' } } }]);
    const failed = await run(parseWindowsPluginStatus, `${dir}/Status/3.status`, doc('error', 122));
    expect(of(failed, 'snapshot-status')[0]).toMatchObject({ seqNo: 3, code: 122, effectiveStatus: 'failed', handlerVersion: '1.0.57.0' });
    const ok = await run(parseWindowsPluginStatus, `${dir}/Status/4.status`, doc('success', 1));
    expect(of(ok, 'snapshot-status')[0].effectiveStatus).toBe('success');
    // a success word with a failure code is a failure (the status-file trap of the Linux extension)
    const trap = await run(parseWindowsPluginStatus, `${dir}/Status/5.status`, doc('success', 122));
    expect(of(trap, 'snapshot-status')[0].effectiveStatus).toBe('failed');
    const other = await run(parseWindowsPluginStatus, 'Packages/Plugins/Microsoft.Compute.CustomScriptExtension/1.10.12/Status/0.status', doc('error', 1));
    expect(of(other, 'snapshot-status')).toEqual([]);
  });
});

describe('the Backup extension Visual C++ runtime failing to install', () => {
  // https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot (ExtensionVCRedistInstallationFailure), verbatim
  const VC = 'Product: Microsoft Visual C++ 2013 x64 Minimum Runtime - 12.0.21005 -- Error 1401.Could not create key: Software\\Classes.  System error 5.  Verify that you have sufficient access to that key, or contact your support personnel.';
  it('fails the Backup extension install', async () => {
    expect(windowsFormatOf('x/Application.txt', VC)).toBe('agent-installer');
    const { parseAgentInstallerLog } = await import('../../../src/main/parse/windows/installer');
    const p = await run(parseAgentInstallerLog, 'Application.txt', VC);
    expect(of(p, 'extension-operation')[0]).toMatchObject({ handler: 'Microsoft.Azure.RecoveryServices.VMSnapshot', op: 'install', outcome: 'failed' });
    expect(of(p, 'windows-agent-issue')).toEqual([]);
  });
});

describe('a VSS message pasted on its own', () => {
  it('is a VSS event and a freeze-failed milestone; inside a log\'s records it is left to that log', async () => {
    const sig = VSS_SIGNATURES.find((s) => s.id === 'hold-writes-timeout')!;
    expect(eventExportShape(sig.sample)).toBe('loose');
    const p = await run(parseWindowsEventExport, 'Application.txt', sig.sample);
    expect(of(p, 'windows-event')[0]).toMatchObject({ provider: 'VSS', eventId: 0, meaning: 'vss-failure' });
    expect(of(p, 'snapshot-milestone')[0]).toMatchObject({ milestone: 'freeze-failed', code: 122 });
    expect(eventExportShape(`2018-12-04T07:52:28.8611188Z [Error]: ${sig.sample}`)).toBeNull();
  });
});

describe('hostile XML', () => {
  it('start tags without an end, and many events, stay linear and keep their lines', async () => {
    const t0 = Date.now();
    const bad = await run(parseWindowsEventExport, 'System.xml', `<Event><EventID>1</EventID>${'<Event '.repeat(200000)}`);
    expect(of(bad, 'windows-event')).toEqual([]);
    const many = await run(parseWindowsEventExport, 'System.xml', Array.from({ length: 3000 }, () => XML).join('\n'));
    expect(of(many, 'windows-event')).toHaveLength(3000);
    expect(of(many, 'windows-event')[2999].at.line).toBe(2999 * XML.split('\n').length + 1);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

describe("COM+ event 4689 (the Backup extension's VSS provider is a COM+ application)", () => {
  // Azure self-help content, 131216-d-tsg-16c5d754 'Cause 1: Error desktop heap exhausted' (test/cases/win-tsg-complus-4689-desktop-heap)
  const DESC = 'Description:\nThe run-time environment has detected an inconsistency in its internal state. \n\nError Code: Error Code = 0x8000ffff : Catastrophic failure\n';
  it('pasted on its own: a COM+ event that fails the Backup extension install, with its error code', async () => {
    expect(eventExportShape(DESC)).toBe('loose');
    const p = await run(parseWindowsEventExport, 'Application.txt', DESC);
    expect(of(p, 'windows-event')[0]).toMatchObject({ provider: 'COM+', eventId: 0, meaning: 'complus-failure' });
    expect(of(p, 'windows-event')[0].message).toContain('0x8000ffff');
    expect(of(p, 'extension-operation')[0]).toMatchObject({ handler: 'Microsoft.Azure.RecoveryServices.VMSnapshot', op: 'install', outcome: 'failed' });
  });
  it('pasted on its own, its level is not known (no Microsoft page shows it); a pasted 1026 and 1000 have their documented one', async () => {
    const complus = await run(parseWindowsEventExport, 'Application.txt', DESC);
    expect(of(complus, 'windows-event').map((e) => e.level)).toEqual(['unknown']);
    expect(complus.records.map((r) => r.level)).toEqual(['unknown']);
    const loose = await run(parseWindowsEventExport, 'Application.txt', LOOSE);
    expect(of(loose, 'windows-event').map((e) => [e.provider, e.eventId, e.level])).toEqual([
      ['.NET Runtime', 1026, 'error'],
      ['Application Error', 1000, 'error'],
    ]);
  });
  it('in an Event Viewer text export as COM+ 4689; another source or id with the same words means nothing', async () => {
    const block = (source: string, id: number) => `Log Name:      Application\nSource:        ${source}\nDate:          3/07/2023 10:25:59 AM\nEvent ID:      ${id}\nLevel:         Error\nDescription:\nThe run-time environment has detected an inconsistency in its internal state.\n`;
    const p = await run(parseWindowsEventExport, 'Application.txt', block('COM+', 4689));
    expect(of(p, 'windows-event')[0]).toMatchObject({ eventId: 4689, meaning: 'complus-failure' });
    expect(of(p, 'extension-operation')).toHaveLength(1);
    const other = await run(parseWindowsEventExport, 'Application.txt', block('MyApp', 4689));
    expect(of(other, 'extension-operation')).toEqual([]);
    expect(eventExportShape(`[00000004] 2024-04-17T07:19:26.812Z [ERROR] ${DESC}`)).toBeNull();
  });
});

describe("the portal's pane of one extension, copied as text", () => {
  // Learn, "Troubleshooting Azure Windows VM extension failures", Known issues (test/cases/win-learn-exttroubleshoot-vmaccess-firewall-service-0x800706d9)
  const PANE = 'Type Microsoft.Compute.VMAccessAgent\nVersion 2.4.8\nStatus Provisioning failed\nStatus level Error\nStatus message Cannot update Remote Desktop Connection settings for Administrator account. Error: System.Runtime.InteropServices.COMException (0x800706D9): There are no more endpoints available from the endpoint mapper.\nat NetFwTypeLib.INetFwRules.GetEnumerator() at\n';
  it("is that extension's status: failed, with its version, level and whole message", async () => {
    const { parseInstanceView } = await import('../../../src/main/parse/state/instance-view');
    const { instanceViewForm } = await import('../../../src/shared/formats/platform');
    expect(instanceViewForm(PANE)).toBe('pane');
    const p = await run(parseInstanceView, 'instance-view.json', PANE);
    expect(of(p, 'extension-status')).toMatchObject([{ handler: 'Microsoft.Compute.VMAccessAgent', version: '2.4.8', status: 'error' }]);
    expect(of(p, 'extension-status')[0].message).toContain('0x800706D9');
    expect(of(p, 'extension-status')[0].at.line).toBe(5);
    const ok = await run(parseInstanceView, 'instance-view.json', PANE.replace('Provisioning failed', 'Provisioning succeeded').replace('Status level Error', 'Status level Info'));
    expect(of(ok, 'extension-status')).toMatchObject([{ status: 'success' }]);
    // a Type line alone, or prose with a "Status" word, is not a pane
    expect(instanceViewForm('Type Microsoft.Compute.VMAccessAgent\nsome text')).toBeUndefined();
  });
});

describe('VSS 8194 typed out, or pasted as its description only (English and German)', () => {
  // https://github.com/duplicati/duplicati/issues/3236 (Germs2004, 2018-05-25; verbatim, "Event Viewer error (2 of these)")
  const TYPED_EQ = `Level = Error
Source = VSS
Event ID = 8194

Volume Shadow Copy Service error: Unexpected error querying for the IVssWriterCallback interface.  hr = 0x80070005, Access is denied.
. This is often caused by incorrect security settings in either the writer or requestor process. 

Operation:
   Gathering Writer Data

Context:
   Writer Class Id: {e8132975-6f93-4464-a53e-1050253ae220}
   Writer Name: System Writer
   Writer Instance ID: {2d2433ca-ba80-4d45-867b-aeebfb418c1e}
`;
  // https://github.com/virtio-win/kvm-guest-drivers-windows/issues/1505 (RobertLukan, 2026-01-28; verbatim)
  const TYPED_COLON = `Source: VSS
Event ID: 8194
Description:
Volume Shadow Copy Service error: Unexpected error querying for the IVssWriterCallback interface. hr = 0x80070005, Access is denied.
. This is often caused by incorrect security settings in either the writer or requestor process.
`;
  const WRAPPED = VSS_8194_WRAPPED;
  // https://github.com/duplicati/duplicati/issues/1297 (HaraldOnline, 2015-02-12; verbatim, a German Windows Server 2012 R2)
  const GERMAN = `Volumeschattenkopie-Dienstfehler: Beim Abfragen nach der Schnittstelle "IVssWriterCallback" ist ein unerwarteter Fehler aufgetreten. hr = 0x80070005, Zugriff verweigert
. Die Ursache hierfür ist oft eine falsche Sicherheitseinstellung im Schreib- oder Anfrageprozess. 

Vorgang:
   Generatordaten werden gesammelt

Kontext:
   Generatorklassen-ID: {e8132975-6f93-4464-a53e-1050253ae220}
   Generatorname: System Writer
   Generatorinstanz-ID: {a57f8196-9141-430d-aa03-0f794f3f4961}
`;

  it('typed out as "Label = value" or "Label: value" without Log Name: the event, read as the requestor-callback noise it is', async () => {
    // (the second has no Level line: its level stays unknown)
    for (const [text, descLine, level] of [[TYPED_EQ, 5, 'error'], [TYPED_COLON, 4, 'unknown']] as const) {
      expect(eventExportShape(text)).toBe('text');
      const p = await run(parseWindowsEventExport, 'Application.txt', text);
      expect(of(p, 'windows-event')).toHaveLength(1);
      expect(of(p, 'windows-event')[0]).toMatchObject({ provider: 'VSS', eventId: 8194, level, meaning: 'vss-noise', at: { line: descLine } });
      expect(of(p, 'windows-event')[0].message).toContain('IVssWriterCallback');
      expect(of(p, 'snapshot-milestone')).toEqual([]);
      expect(p.records).toMatchObject([{ line: 1 }]);
    }
  });

  it('the typed-out block twice (the reporter saw "2 of these") is two events', async () => {
    const p = await run(parseWindowsEventExport, 'Application.txt', `${TYPED_EQ}\n${TYPED_EQ}`);
    expect(of(p, 'windows-event').map((e) => [e.eventId, e.at.line, e.meaning])).toEqual([
      [8194, 5, 'vss-noise'],
      [8194, 20, 'vss-noise'],
    ]);
    expect(p.records.map((r) => r.line)).toEqual([1, 16]);
  });

  it('the description alone, wrapped (English) or in German: a VSS event with its context, the noise it is', async () => {
    for (const text of [WRAPPED, GERMAN]) {
      expect(eventExportShape(text)).toBe('loose');
      const p = await run(parseWindowsEventExport, 'Application.txt', text);
      expect(of(p, 'windows-event')).toHaveLength(1);
      // a paste does not say its level, and the VSS event it is is not known: unknown
      expect(of(p, 'windows-event')[0]).toMatchObject({ provider: 'VSS', eventId: 0, level: 'unknown', meaning: 'vss-noise', at: { line: 1 } });
      expect(of(p, 'windows-event')[0].message).toContain('IVssWriterCallback');
      expect(of(p, 'snapshot-milestone')).toEqual([]);
      expect(p.warnings).toEqual([]);
    }
  });

  it('the description alone in Japanese: a VSS event of no known meaning, not an unknown file', async () => {
    // https://blog.onk164.net/archives/753.html (2016; verbatim as the page holds it, a Japanese Windows 10's Application log)
    const JAPANESE = 'ボリューム シャドウ コピー サービス エラー: 予期しないエラー CreateFileW(\\?GLOBALROOTDeviceHarddiskVolumeShadowCopy2,0x80000000,0x00000003,...) です。hr = 0x80070001, ファンクションが間違っています。\n';
    expect(eventExportShape(JAPANESE)).toBe('loose');
    const p = await run(parseWindowsEventExport, 'Application.txt', JAPANESE);
    expect(of(p, 'windows-event')).toMatchObject([{ provider: 'VSS', eventId: 0, level: 'unknown', at: { line: 1 } }]);
    expect(of(p, 'windows-event')[0].meaning).toBeUndefined();
    expect(of(p, 'snapshot-milestone')).toEqual([]);
  });

  it("Windows Server 2003's event copy (Event Type, Event Source, Event ID, Description): the event, not an unknown file", async () => {
    // Microsoft's NT Debugging blog, "Missing System Writer Case Explained" (2013-08-27; verbatim: system state backups
    // failed, the System Writer missing from vssadmin list writers)
    const EVENT_TYPE = `Event Type: Error
Event Source: VSS
Event ID: 8193
Description: Volume Shadow Copy Service error: Unexpected error calling routine XML document is too long. hr = 0x80070018, The program issued a command but the command length is incorrect. . Operation: Writer Exposing its Metadata Context: Execution Context: Requestor Writer Instance ID: {636923A0-89C2-4823-ADEF-023A739B2515} Writer Class Id: {E8132975-6F93-4464-A53E-1050253AE220} Writer Name: System Writer
`;
    expect(eventExportShape(EVENT_TYPE)).toBe('text');
    const p = await run(parseWindowsEventExport, 'Application.txt', EVENT_TYPE);
    expect(of(p, 'windows-event')).toMatchObject([{ provider: 'VSS', eventId: 8193, level: 'error', at: { line: 4 } }]);
    expect(of(p, 'windows-event')[0].message).toContain('XML document is too long');
    // a writer's metadata failing is not one of the VSS failures Microsoft documents for Azure Backup: context only
    expect(of(p, 'snapshot-milestone')).toEqual([]);
    expect(p.warnings).toEqual([]);
  });

  it("Windows Server 2003's copy with its Date and Time lines: the event at that time, its description its own", async () => {
    // Microsoft, "Maintaining and Monitoring Account Lockout" (Windows Server 2003,
    // https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2003/cc776964(v=ws.10)), Kerberos event 4
    // as the page quotes it (verbatim): the 2003 copy gives the day and the clock on lines of their own
    const KERBEROS = `Event Type:   Error
Event Source: Kerberos
Event Category: None
Event ID: 4
Date: 12/21/2001
Time: 2:02:05 PM
User: N/A
Computer: COMPUTER-006
Description:
   The function LogonUser received a Kerberos Error Message:
   on logon session TAILSPINTOYS\\user1
   Client Time:
   Server Time: 19:2:5.0000 12/21/2001 (null)
   Error Code: 0x18 KDC_ERR_PREAUTH_FAILED
`;
    const p = await run(parseWindowsEventExport, 'System.txt', KERBEROS);
    const [e] = of(p, 'windows-event');
    expect(e).toMatchObject({ provider: 'Kerberos', eventId: 4, level: 'error', at: { line: 10 } });
    expect(e.timeMs).toBe(Date.UTC(2001, 11, 21, 14, 2, 5));
    // the fields after Event ID are the event's, not the start of its description
    expect(e.message).toMatch(/^The function LogonUser received a Kerberos Error Message:/);
    expect(e.message).not.toContain('COMPUTER-006');
    // the same copy from a day-first desktop (the page's event, its date as en-GB prints it): the day-first date on the
    // Date line alone decides the order, and the event keeps its time
    const dayFirst = KERBEROS.replace('Date: 12/21/2001\nTime: 2:02:05 PM', 'Date: 21/12/2001\nTime: 14:02:05');
    expect(dayFirst).not.toBe(KERBEROS);
    const [g] = of(await run(parseWindowsEventExport, 'System.txt', dayFirst), 'windows-event');
    expect(g.timeMs).toBe(Date.UTC(2001, 11, 21, 14, 2, 5));
  });

  it('an export whose dates never tell day from month is read month first, and says so on the line of the date', async () => {
    // the Learn copy (EVENT_1026, verbatim): `3/07/2023` is 7 March read month first, 3 July read day first
    const notes: { text: string; nl: string; line?: number }[] = [];
    const sink = { record: () => undefined, fact: () => undefined, warn: (m: Parameters<typeof renderAnalysis>[0], line?: number) => void notes.push({ text: renderAnalysis(m, 'en'), nl: renderAnalysis(m, 'nl'), ...(line ? { line } : {}) }) };
    const file = { id: 0, vmPath: 'Application.txt', kind: 'other' as const, size: EVENT_1026.length, truncated: false, origin: 'Application.txt', input: 0, warnings: [] };
    await parseWindowsEventExport({ file, content: new BufferContent(Buffer.from(EVENT_1026)) }, sink);
    expect(notes).toHaveLength(1);
    expect(notes[0].line).toBe(3);
    expect(notes[0].text).toContain('3/07/2023 is read as 2023-03-07');
    expect(notes[0].text).toContain('2023-07-03');
    expect(notes[0].text).toMatch(/no date in the file has a day above 12/);
    expect(notes[0].nl).toContain('3/07/2023 is gelezen als 2023-03-07');
    const [e] = of(await run(parseWindowsEventExport, 'Application.txt', EVENT_1026), 'windows-event');
    expect(e.timeMs).toBe(Date.UTC(2023, 2, 7, 10, 25, 59));
  });

  it("a 2003 copy's date-only Date line counts for the order: ambiguous, it is said; a day above 12 anywhere decides", async () => {
    // Microsoft's Kerberos event 4 copy (Windows Server 2003, cc776964), its date moved to the 5th of December and the
    // clock to 24 hours, as an en-GB server writes that day: `5/12/2001` could be 12 May
    const copy = (date: string, time: string) => `Event Type:   Error
Event Source: Kerberos
Event Category: None
Event ID: 4
Date: ${date}
Time: ${time}
User: N/A
Computer: COMPUTER-006
Description:
   The function LogonUser received a Kerberos Error Message:
   Error Code: 0x18 KDC_ERR_PREAUTH_FAILED
`;
    const ambiguous = await run(parseWindowsEventExport, 'System.txt', copy('5/12/2001', '14:02:05'));
    expect(of(ambiguous, 'windows-event')[0].timeMs).toBe(Date.UTC(2001, 4, 12, 14, 2, 5));
    expect(ambiguous.warnings).toEqual([expect.stringContaining('5/12/2001 is read as 2001-05-12; if this Windows writes the day first it is 2001-12-05')]);
    // the same server's next copy, of the 21st: day first for both, nothing to say
    const both = await run(parseWindowsEventExport, 'System.txt', `${copy('5/12/2001', '14:02:05')}\n${copy('21/12/2001', '09:00:00')}`);
    expect(of(both, 'windows-event').map((e) => e.timeMs)).toEqual([Date.UTC(2001, 11, 5, 14, 2, 5), Date.UTC(2001, 11, 21, 9, 0, 0)]);
    expect(both.warnings).toEqual([]);
    // a month-first day above 12 (the page's own `12/21/2001`) decides too
    const us = await run(parseWindowsEventExport, 'System.txt', `${copy('5/12/2001', '2:02:05 PM')}\n${copy('12/21/2001', '2:02:05 PM')}`);
    expect(of(us, 'windows-event')[0].timeMs).toBe(Date.UTC(2001, 4, 12, 14, 2, 5));
    expect(us.warnings).toEqual([]);
    // a day and month that are the same number read the same either way
    expect((await run(parseWindowsEventExport, 'System.txt', copy('12/12/2001', '14:02:05'))).warnings).toEqual([]);
  });

  it('labels without an event id, or the service name inside a log record, are not an export', () => {
    expect(eventExportShape('Source: VSS\nDescription: a note\n')).toBeNull();
    expect(eventExportShape(`2018-12-04T07:52:28.8611188Z [Error]: ${WRAPPED}`)).toBeNull();
  });
});
