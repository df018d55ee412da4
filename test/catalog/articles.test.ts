import { describe, expect, it } from 'vitest';
import { causeById, portalCode, portalCodesFor, resolvePortalCode } from '../../src/shared/catalog';
import type { CauseId } from '../../src/shared/catalog';

/**
 * Every portal error code Microsoft's two Azure VM backup troubleshooting articles name, as read in their GitHub
 * source (MicrosoftDocs/azure-docs, articles/backup/…, ms.date 11/12/2025, CC BY 4.0), with the cause the catalogue
 * walks first for it. A code dropped from the catalogue, or moved to another cause, fails here.
 */
interface Article {
  url: string;
  title: string;
  /** Backup failures: code → the first cause the catalogue gives it. */
  backup: Record<string, CauseId>;
  /**
   * Codes of restore, job and configure-protection operations the article also names. They are not backup failures
   * and the guest's logs cannot explain them, so the catalogue does not look them up (the app says it does not know
   * the code).
   */
  notBackup?: string[];
}

const ARTICLES: Article[] = [
  {
    url: 'https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout',
    title: 'Troubleshoot Azure Backup failures caused by agent or extension issues',
    backup: {
      UserErrorGuestAgentStatusUnavailable: 'agent-not-running',
      GuestAgentSnapshotTaskStatusError: 'agent-unresponsive',
      UserErrorVmProvisioningStateFailed: 'extension-failed-state',
      UserErrorRpCollectionLimitReached: 'rp-resource-group-lock',
      UserErrorKeyvaultPermissionsNotConfigured: 'keyvault-permissions',
      ExtensionSnapshotFailedNoNetwork: 'vm-state-misreported',
      ExtensionOperationFailedForManagedDisks: 'vm-state-misreported',
      BackUpOperationFailed: 'agent-unresponsive',
      BackUpOperationFailedV2: 'agent-unresponsive',
      UserErrorUnsupportedDiskSize: 'disk-size-unsupported',
      UserErrorBackupOperationInProgress: 'backup-in-progress',
      UserErrorCrpReportedUserError: 'fsfreeze-failed',
      UserErrorBcmDatasourceNotPresent: 'datasource-not-protected',
    },
  },
  {
    url: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot',
    title: 'Troubleshooting backup failures on Azure virtual machines',
    backup: {
      VMRestorePointInternalError: 'extension-failed-state',
      CopyingVHDsFromBackUpVaultTakingLongTime: 'vault-copy-timeout',
      UserErrorVmNotInDesirableState: 'extension-failed-state',
      UserErrorFsFreezeFailed: 'fsfreeze-failed',
      ExtensionSnapshotFailedCOM: 'extension-failed-state',
      ExtensionInstallationFailedCOM: 'extension-failed-state',
      ExtensionInstallationFailedMDTC: 'extension-failed-state',
      ExtensionFailedVssWriterInBadState: 'fsfreeze-failed',
      ExtensionFailedVssServiceInBadState: 'fsfreeze-failed',
      ExtensionConfigParsingFailure: 'certificate-missing',
      ExtensionStuckInDeletionState: 'extension-failed-state',
      ExtensionFailedSnapshotLimitReachedError: 'snapshot-limit-reached',
      ExtensionFailedTimeoutVMNetworkUnresponsive: 'snapshot-task-delayed',
      ResourceNotFound: 'vm-deleted',
      BCMV2VMNotFound: 'vm-deleted',
      UserErrorBCMPremiumStorageQuotaError: 'premium-storage-quota',
      AzureVmOffline: 'agent-not-running',
      ExtensionSnapshotBitlockerError: 'fsfreeze-failed',
      VmNotInDesirableState: 'extension-failed-state',
      ExtensionSnapshotFailedNoSecureNetwork: 'storage-unreachable',
      ExtensionVCRedistInstallationFailure: 'extension-failed-state',
      UserErrorRequestDisallowedByPolicy: 'azure-policy-denied',
      UserErrorUnableToOpenMount: 'fsfreeze-failed',
      // its section "Migration from Standard to Enhanced policy issue" adds a cause to the first article's code
      BackUpOperationFailedV2: 'agent-unresponsive',
    },
    notBackup: [
      'UserErrorSkuNotAvailable',
      'UserErrorMarketPlaceVMNotSupported',
      'UserErrorInstantRpNotFound',
      'UserErrorMigrationFromTrustedLaunchVMToNonTrustedVMNotAllowed',
      'UserErrorCrossSubscriptionRestoreNotSupportedForOLR',
      'UserErrorCrossSubscriptionRestoreNotSupportedForUnManagedAzureVM',
      'UserErrorCrossSubscriptionRestoreNotSupportedForCRR',
      'UserErrorCrossSubscriptionRestoreNotSupportedFromSnapshot',
      'UserErrorCrossSubscriptionRestoreInvalidTenant',
      'UserErrorCrossSubscriptionRestoreInvalidTargetSubscription',
      'UserErrorCrossSubscriptionRestoreNotSupportedForEncryptedAzureVM',
      'UserErrorCrossSubscriptionRestoreNotSupportedForTrustedLaunchAzureVM',
    ],
  },
];

/**
 * Windows extension codes the portal's self-help pages name (Azure/SelfHelpContent, read in the public mirror
 * https://github.com/TheresaLui/SelfHelpContent_v2, articles/microsoft.recoveryservices/azurebackup-crc-<code>.md).
 */
const SELF_HELP: Record<string, CauseId> = {
  ExtensionFailedTimeoutDelayInNetwork: 'storage-unreachable',
  ExtensionCommandExecFailure: 'extension-failed-state',
  ExtensionInstallProviderCOMMemoryQuotaReached: 'extension-failed-state',
  GuestAgentPluginInstallCommandProcessingFailed: 'dotnet-missing',
  // "Snapshot operation failed due to insufficient memory available in VM": the guest shows it as OOM kills
  ExtensionFailedOutOfMemoryError: 'agent-unresponsive',
};

describe("the self-help pages' Windows extension codes", () => {
  it('are looked up, with their first cause, their step and the self-help as source', () => {
    for (const [code, first] of Object.entries(SELF_HELP)) {
      const def = portalCode(code);
      expect(def?.causes[0], code).toBe(first);
      expect(def!.source, code).toMatch(/^Azure portal self-help for the code \(azurebackup-crc-/);
      // the cause's remedy names the code where the page's own step is
      expect(def!.causes.some((id) => causeById(id).remedy.en.some((s) => s.includes(code))), code).toBe(true);
    }
  });
});

describe('the Visual C++ runtime of the Windows Backup extension', () => {
  it('is named as the articles of ms.date 11/12/2025 name it: the 2015 redistributable, installed from vcredist2013_x64 (the 2013 runtime)', () => {
    // backup-azure-vms-troubleshoot, ExtensionVCRedistInstallationFailure: "Product: Microsoft Visual C++ 2015 x64 Minimum
    // Runtime - 12.0.21005 -- Error 1401…"; backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout, BackUpOperationFailed
    // cause 5: uninstall and reinstall "Visual C++ Redistributable (x64) for Visual Studio 2015" by running vcredist2013_x64
    const ext = causeById('extension-failed-state');
    for (const lang of ['en', 'nl'] as const) {
      const steps = ext.remedy[lang].join('\n');
      expect(steps, lang).toContain('Visual C++ 2015 x64 Minimum Runtime - 12.0.21005 -- Error 1401');
      expect(steps, lang).toMatch(/Visual C\+\+ Redistributable \(x64\) (?:for|voor) Visual Studio 2015/);
      expect(steps, lang).toContain('vcredist2013_x64');
      // what that file installs is said beside the article's words (the 2013 runtime, 12.0), never in their place
      expect(steps, lang).toMatch(/Visual C\+\+ 2013[ -]runtime, (?:version |versie )?12\.0/);
      expect(steps.replace(/Visual C\+\+ 2013[ -]runtime/g, ''), lang).not.toMatch(/Visual C\+\+ 2013/);
    }
    expect(portalCode('ExtensionVCRedistInstallationFailure')!.message.en).toMatch(/Visual Studio 2015$/);
  });
});

describe("the portal code chips' platforms", () => {
  it("shows a code whose self-help page has a step for either platform on both: .NET on Windows, Python on Linux", () => {
    // azurebackup-crc-guestagentplugininstallcommandprocessingfailed: ".NET … on the Windows VM", "Python 2.7 … on Linux VM"
    for (const code of ['GuestAgentPluginInstallCommandProcessingFailed', 'ExtensionFailedOutOfMemoryError']) {
      for (const platform of ['linux', 'windows'] as const) expect(portalCodesFor([code, 'UserErrorFsFreezeFailed', 'ExtensionSnapshotBitlockerError'], platform), `${code} ${platform}`).toContain(code);
    }
    const ext = causeById('extension-failed-state');
    expect(portalCodesFor(ext.portalCodes, 'linux')).toContain('GuestAgentPluginInstallCommandProcessingFailed');
    expect(portalCodesFor(ext.portalCodes, 'linux')).not.toContain('ExtensionVCRedistInstallationFailure');
    expect(portalCodesFor(causeById('agent-unresponsive').portalCodes, 'windows')).toContain('ExtensionFailedOutOfMemoryError');
  });
});

describe("the troubleshooting articles' portal codes", () => {
  for (const a of ARTICLES) {
    it(`${a.title}: every backup code is looked up, with its first cause`, () => {
      for (const [code, first] of Object.entries(a.backup)) {
        const def = portalCode(code);
        expect(def?.code, `${code} (${a.url})`).toBe(code);
        expect(def!.causes[0], code).toBe(first);
        // the code's message is the article's, in both languages
        expect(def!.message.en.trim() && def!.message.nl.trim(), code).toBeTruthy();
        expect(resolvePortalCode(code.toLowerCase()), code).toBe(code);
      }
    });

    it(`${a.title}: each cause of a code shows its evidence from the guest or says what to check in Azure`, () => {
      for (const code of Object.keys(a.backup)) {
        for (const id of portalCode(code)!.causes) {
          const c = causeById(id);
          if (c.visibility === 'no') {
            expect(c.azureCheck?.en.trim() && c.azureCheck?.nl.trim(), `${code} → ${id}`).toBeTruthy();
          } else {
            expect(c.signals?.length, `${code} → ${id}`).toBeGreaterThan(0);
          }
        }
      }
    });
  }

  it('restore, job and configure-protection codes stay unknown rather than get a backup cause', () => {
    for (const a of ARTICLES) for (const code of a.notBackup ?? []) expect(portalCode(code), code).toBeUndefined();
  });

  it('the codes the catalogue took from the article name it as their source', () => {
    const vms = ARTICLES[1];
    for (const code of ['VMRestorePointInternalError', 'ExtensionSnapshotBitlockerError', 'ExtensionVCRedistInstallationFailure', 'AzureVmOffline', 'UserErrorRequestDisallowedByPolicy', 'BackUpOperationFailedV2']) {
      expect(portalCode(code)!.source, code).toContain(vms.url);
    }
  });

  it('the Azure-side causes the article adds cannot be seen from the guest and say what to check in the portal', () => {
    const added: [string, CauseId][] = [
      ['UserErrorRequestDisallowedByPolicy', 'azure-policy-denied'],
      ['ResourceNotFound', 'vm-deleted'],
      ['BCMV2VMNotFound', 'vm-deleted'],
      ['CopyingVHDsFromBackUpVaultTakingLongTime', 'vault-copy-timeout'],
      ['UserErrorBCMPremiumStorageQuotaError', 'premium-storage-quota'],
      ['BackUpOperationFailedV2', 'enhanced-policy-migration'],
    ];
    for (const [code, id] of added) {
      const c = causeById(id);
      expect(portalCode(code)!.causes, code).toContain(id);
      expect(c.portalCodes, id).toContain(code);
      expect(c.visibility, id).toBe('no');
      expect(c.signals?.[0], id).toMatch(/^nothing on the VM: /);
      expect(c.azureCheck?.en, id).toMatch(/^(Azure portal|Recovery Services vault) > /);
      expect(c.azureCheck?.nl, id).toMatch(/^(Azure-portal|Recovery Services-kluis) > /);
      expect(c.source, id).toContain(ARTICLES[1].url);
    }
    // the migration is the last of the code's causes: the seed article's causes come first
    expect(portalCode('BackUpOperationFailedV2')!.causes.at(-1)).toBe('enhanced-policy-migration');
    expect(portalCode('BackUpOperationFailed')!.causes).not.toContain('enhanced-policy-migration');
  });
});
