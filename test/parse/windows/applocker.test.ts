import { describe, expect, it } from 'vitest';
import { eventExportShape, parseWindowsEventExport } from '../../../src/main/parse/windows/event-export';
import { of, run } from './run';

/*
 * AppLocker blocking the Backup extension (GuestAgentSnapshotTaskStatusError cause 5,
 * https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout#application-control-solution-is-blocking-iaasbcdrextensionexe).
 * No public log of this event for IaaSBcdrExtension.exe was found: the descriptions below are the events' own wording
 * (8004 "<file> was prevented from running.", 8003 "<file> was allowed to run but would have been prevented from running if
 * the AppLocker policy were enforced.", https://learn.microsoft.com/windows/security/application-security/application-control/app-control-for-business/applocker/using-event-viewer-with-applocker)
 * with the file as AppLocker writes it (`%OSDRIVE%\…` upper case, as in `Get-WinEvent` outputs posted publicly) and the
 * extension's documented folder; the XML follows the event's RuleAndFileData schema.
 */
const FILE = '%OSDRIVE%\\PACKAGES\\PLUGINS\\MICROSOFT.AZURE.RECOVERYSERVICES.VMSNAPSHOT\\1.0.75.0\\IAASBCDREXTENSION.EXE';
const BLOCKED = `${FILE} was prevented from running.`;
const AUDITED = `${FILE} was allowed to run but would have been prevented from running if the AppLocker policy were enforced.`;
const TEXT = `Log Name:      Microsoft-Windows-AppLocker/EXE and DLL
Source:        Microsoft-Windows-AppLocker
Date:          11/19/2026 10:02:14 PM
Event ID:      8004
Task Category: None
Level:         Error
User:          SYSTEM
Computer:      vm01
Description:
${BLOCKED}`;
const XML = `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-AppLocker" Guid="{cbda4dbf-8d5d-4f69-9578-be14aa540d22}" /><EventID>8004</EventID><Level>2</Level><TimeCreated SystemTime="2026-11-19T22:02:14.5675660Z" /><Channel>Microsoft-Windows-AppLocker/EXE and DLL</Channel><Computer>vm01</Computer></System><UserData><RuleAndFileData xmlns="http://schemas.microsoft.com/schemas/event/Microsoft.Windows/1.0.0.0"><PolicyName>EXE</PolicyName><FilePath>${FILE}</FilePath><FullFilePath>C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot\\1.0.75.0\\IaaSBcdrExtension.exe</FullFilePath></RuleAndFileData></UserData></Event>`;

describe('AppLocker and the Backup extension', () => {
  it('8004 for IaaSBcdrExtension.exe, as a text copy, XML or its description pasted alone, is the extension failing to run', async () => {
    for (const [text, shape, eventId, line] of [
      [TEXT, 'text', 8004, 10],
      [XML, 'xml', 8004, 1],
      [`${BLOCKED}\n`, 'loose', 0, 1],
    ] as const) {
      expect(eventExportShape(text)).toBe(shape);
      const p = await run(parseWindowsEventExport, 'AppLocker.txt', text);
      expect(of(p, 'windows-event')).toMatchObject([{ provider: 'Microsoft-Windows-AppLocker', eventId, level: 'error', meaning: 'extension-blocked', subject: 'IaaSBcdrExtension.exe', at: { line } }]);
      const [op] = of(p, 'extension-operation');
      expect(op).toMatchObject({ handler: 'Microsoft.Azure.RecoveryServices.VMSnapshot', op: 'enable', outcome: 'failed' });
      expect(op.detail).toContain("AppLocker prevented the Backup extension's IaaSBcdrExtension.exe from running");
    }
  });

  it('8003 (audit only) is read but is no failure: the extension ran', async () => {
    expect(eventExportShape(AUDITED)).toBe('loose');
    const p = await run(parseWindowsEventExport, 'AppLocker.txt', AUDITED);
    expect(of(p, 'windows-event')).toMatchObject([{ eventId: 0, level: 'warning', meaning: 'extension-block-audited' }]);
    expect(of(p, 'extension-operation')).toEqual([]);
  });

  it('another program blocked by AppLocker, or the extension merely named, is not the extension blocked', async () => {
    // the same wording for another program
    const other = '%OSDRIVE%\\TOOLS\\SHARPVIEW.EXE was prevented from running.';
    expect(eventExportShape(other)).toBeNull();
    const p = await run(parseWindowsEventExport, 'AppLocker.txt', TEXT.replace(BLOCKED, other));
    expect(of(p, 'windows-event')[0].meaning).toBeUndefined();
    expect(of(p, 'extension-operation')).toEqual([]);
  });
});
