import { describe, expect, it } from 'vitest';
import { eventExportShape, parseWindowsEventExport } from '../../../src/main/parse/windows/event-export';
import { of, run } from './run';
import { VSS_8194_WRAPPED } from './samples';

const VSS_8194 = VSS_8194_WRAPPED.trimEnd();

// A French Application Error 1000 as Windows writes it: no colon after the label.
// https://learn.microsoft.com/en-us/answers/questions/1043386/exchange-2016-w3wp-exe-crash-repeatedly (Guilhaume,
// 2022-10-12; verbatim, its trailing spaces left out)
const FRENCH_1000 = `Nom de l’application défaillante w3wp.exe, version : 10.0.14393.0, horodatage : 0x57899b8a

Nom du module défaillant : ntdll.dll, version : 10.0.14393.5006, horodatage : 0x621ef21b

Code d’exception : 0xc0000374`;

describe('pasted descriptions: where one ends and the next starts', () => {
  it('a VSS block followed by a French application error: two events, the VSS one without the French lines', async () => {
    const text = `${VSS_8194}\n\n${FRENCH_1000}\n`;
    expect(eventExportShape(text)).toBe('loose');
    const p = await run(parseWindowsEventExport, 'Application.txt', text);
    const events = of(p, 'windows-event');
    expect(events.map((e) => [e.provider, e.eventId, e.at.line, e.meaning ?? null])).toEqual([
      ['VSS', 0, 1, 'vss-noise'],
      ['Application Error', 1000, 13, null],
    ]);
    expect(events[0].message).not.toContain('w3wp.exe');
    expect(events[1].message).toBe('Faulting application name: w3wp.exe, version : 10.0.14393.0, horodatage : 0x57899b8a');
  });

  it('the French application error pasted on its own is an export and its event', async () => {
    expect(eventExportShape(FRENCH_1000)).toBe('loose');
    const p = await run(parseWindowsEventExport, 'Application.txt', FRENCH_1000);
    expect(of(p, 'windows-event').map((e) => [e.provider, e.eventId, e.at.line])).toEqual([['Application Error', 1000, 1]]);
  });

  it('a French crash of the Backup extension in a text export is its failure (the label read in every language)', async () => {
    // the French labels of Event Viewer's text copy (LABELS) around the line the French edition of "Troubleshooting
    // backup failures on Azure virtual machines" quotes, verbatim
    // (https://learn.microsoft.com/fr-fr/azure/backup/backup-azure-vms-troubleshoot, VMRestorePointInternalError)
    const text = `Nom du journal :Application
Source :       Application Error
ID de l’événement :1000
Niveau :       Erreur
Description :
Nom de l’application défaillante : IaaSBcdrExtension.exe`;
    const p = await run(parseWindowsEventExport, 'Application.txt', text);
    expect(of(p, 'windows-event')[0]).toMatchObject({ eventId: 1000, meaning: 'extension-crash', subject: 'IaaSBcdrExtension.exe' });
    expect(of(p, 'extension-operation')).toMatchObject([{ handler: 'Microsoft.Azure.RecoveryServices.VMSnapshot', op: 'enable', outcome: 'failed' }]);
  });
});
