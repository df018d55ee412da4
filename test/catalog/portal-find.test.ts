import { describe, expect, it } from 'vitest';
import { PORTAL_CODES, findPortalCodes } from '../../src/shared/catalog';

/**
 * Code / message pairs as the Dutch edition of Microsoft's "Troubleshoot Azure Backup failure: Issues
 * with the agent or extension" prints them (markdown as published;
 * https://learn.microsoft.com/nl-nl/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout, CC BY 4.0).
 */
const DUTCH: [string, string, string[]][] = [
  ['**Foutcode**: UserErrorGuestAgentStatusNiet beschikbaar <br>', '**Foutbericht:** VM-agent kan niet communiceren met Azure Backup<br>', ['UserErrorGuestAgentStatusUnavailable']],
  ['**Foutcode**: GuestAgentSnapshotTaskStatusError<br>', '**Foutbericht:** kan niet communiceren met de VM-agent voor momentopnamestatus <br>', ['GuestAgentSnapshotTaskStatusError']],
  ['**Foutcode**: UserErrorVmProvisioningState Failed<br>', '**Foutbericht:** de VM is in de status van inrichting<br>', ['UserErrorVmProvisioningStateFailed']],
  ['**Foutcode**: UserErrorRpCollectionLimitReached <br>', '**Foutbericht:** de maximumlimiet voor de verzameling Herstelpunt is bereikt. <br>', ['UserErrorRpCollectionLimitReached']],
  ['**Foutcode**: UserErrorKeyvaultPermissionsNotConfigured <br>', "**Foutbericht:** Back-up heeft onvoldoende machtigingen voor de sleutelkluis voor back-ups van versleutelde VM's. <br>", ['UserErrorKeyvaultPermissionsNotConfigured']],
  ['**Foutcode:** ExtensionSnapshotFailedNoNetwork<br>', '**Foutbericht:** momentopnamebewerking is mislukt omdat er geen netwerkverbinding op de virtuele machine is<br>', ['ExtensionSnapshotFailedNoNetwork']],
  ['**Foutcode**: ExtensionOperationFailedForManagedDisks <br>', '**Foutbericht:** VMSnapshot-extensiebewerking is mislukt<br>', ['ExtensionOperationFailedForManagedDisks']],
  ['**Foutcode:** BackUpOperationFailed / BackUpOperationFailedV2 <br>', '**Foutbericht:** Back-up is mislukt met een interne fout - Probeer de bewerking binnen enkele minuten opnieuw <br>', ['BackUpOperationFailed', 'BackUpOperationFailedV2']],
  ['**Foutcode**: UserErrorUnsupportedDiskSize <br>', '**Foutbericht:** de geconfigureerde schijfgrootte(s) wordt momenteel niet ondersteund door Azure Backup. <br>', ['UserErrorUnsupportedDiskSize']],
  ['**Foutcode**: UserErrorBackupOperationInProgress <br>', '**Foutbericht:** Kan geen back-up starten omdat er momenteel een andere back-upbewerking wordt uitgevoerd<br>', ['UserErrorBackupOperationInProgress']],
  ['**Foutcode**: UserErrorCrpReportedUserError <br>', '**Foutbericht:** Back-up is mislukt als gevolg van een fout. Zie Details van het bericht taakfout voor meer informatie.', ['UserErrorCrpReportedUserError']],
  ['**Foutcode**: UserErrorBcmDatasourceNotPresent <br>', '**Foutbericht:** back-up is mislukt: deze virtuele machine wordt niet (actief) beschermd door Azure Backup.', ['UserErrorBcmDatasourceNotPresent']],
];

describe('finding the portal code in a pasted job error', () => {
  for (const [code, message, expected] of DUTCH) {
    it(`Dutch article: ${expected.join(' / ')} by its code, and by its message alone`, () => {
      expect(findPortalCodes(`${code}\n${message}`).map((m) => m.code)).toEqual(expected);
      const byMessage = findPortalCodes(message);
      expect(byMessage.map((m) => m.code)).toEqual(expected);
      expect(byMessage.every((m) => m.by === 'message' && m.lang === 'nl')).toBe(true);
    });
  }

  it('every catalogue message is found in English and Dutch, whatever the case, punctuation and line wraps', () => {
    for (const p of PORTAL_CODES) {
      for (const lang of ['en', 'nl'] as const) {
        const wrapped = p.message[lang].toUpperCase().replace(/ /g, (s, i: number) => (i % 3 === 0 ? '\n' : s)) + '!!';
        expect(findPortalCodes(wrapped).map((m) => m.code), `${p.code} ${lang}`).toContain(p.code);
      }
    }
  });

  it('a screenshot transcription: code with spaces and a hyphen wrap, the longer code wins', () => {
    expect(findPortalCodes('Error code\nUserError Guest-\nAgentStatusUnavailable\nError message VM Agent unable to communicate with Azure Backup')).toEqual([{ code: 'UserErrorGuestAgentStatusUnavailable', by: 'code' }]);
    expect(findPortalCodes('BackUpOperationFailedV2').map((m) => m.code)).toEqual(['BackUpOperationFailedV2']);
    expect(findPortalCodes('ExtensionPreScriptTimeout').map((m) => m.code)).toEqual(['ExtensionPreScriptTimeout']);
  });

  it('unrelated text finds nothing; a huge paste is bounded', () => {
    expect(findPortalCodes('The VM rebooted at noon and the disk is full.')).toEqual([]);
    expect(findPortalCodes('x'.repeat(5_000_000) + 'UserErrorFsFreezeFailed')).toEqual([]);
  });
});

describe('resolving what the engineer typed or pasted', () => {
  it('a code in any case, a pasted Dutch message, or an unknown text kept as typed', async () => {
    const { resolvePortalCode } = await import('../../src/shared/catalog');
    expect(resolvePortalCode(' usererrorfsfreezefailed ')).toBe('UserErrorFsFreezeFailed');
    expect(resolvePortalCode('Foutbericht: VM-agent kan niet communiceren met Azure Backup')).toBe('UserErrorGuestAgentStatusUnavailable');
    expect(resolvePortalCode('SomethingElse')).toBe('SomethingElse');
    expect(resolvePortalCode('  ')).toBeUndefined();
  });
});
