/**
 * Texts that mean the VSS shadow copy of a Windows backup failed (the Windows side of `fsfreeze-failed`,
 * docs/causes.md). Shared by the event-log and IaaSBcdrExtension.log parsers. Each text is one Microsoft
 * tells Azure Backup users to look for, with the page that says so; test/parse/windows/vss.test.ts runs
 * every sample. Other VSS errors are kept as context only: other backup products write them too.
 */
/** An event a signature is only read from: its words are localised, its id and insertion strings are not. */
export interface VssEvent {
  provider: string;
  id: number;
}

export interface VssSignature {
  id: string;
  re: RegExp;
  /** The Linux-shaped extension code the rules read: 122 for a timeout, 121 for a failure. */
  code: 121 | 122;
  what: string;
  sample: string;
  source: string;
  /** Read only from this event of the event log (the sample is its description). */
  event?: VssEvent;
}

const BACKUP_VMS_TROUBLESHOOT = 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot';
const KB_SUPPORT = 'https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/windows-server/backup-and-storage/';
const JPABRS_CSV = 'https://github.com/jpabrs-scem/blog/blob/main/articles/AzureVMBackup/CSV_not_Supported.md';

export const VSS_SIGNATURES: VssSignature[] = [
  {
    // VSS_E_HOLD_WRITES_TIMEOUT (0x80042314); ExtensionFailedVssWriterInBadState
    id: 'hold-writes-timeout',
    re: /shadow copy provider timed out while holding writes to the volume|VSS_E_HOLD_WRITES_TIMEOUT|0x80042314/i,
    code: 122,
    what: 'the VSS provider timed out while holding writes (too much I/O on the volume during the snapshot)',
    sample:
      'The shadow copy provider timed out while holding writes to the volume being shadow copied. This is probably due to excessive activity on the volume by an application or a system service. Try again later when activity on the volume is reduced.',
    source: BACKUP_VMS_TROUBLESHOOT,
  },
  {
    // ExtensionSnapshotBitlockerError
    id: 'bitlocker-locked',
    re: /This drive is locked by BitLocker Drive Encryption/i,
    code: 121,
    what: 'a volume is locked by BitLocker, so VSS cannot snapshot it',
    sample: 'This drive is locked by BitLocker Drive Encryption. You must unlock this drive from the Control Panel.',
    source: BACKUP_VMS_TROUBLESHOOT,
  },
  {
    // VolSnap event 25: the shadow copy was lost under I/O load
    id: 'volsnap-diff-area',
    re: /shadow copies of volume .{1,200}? were aborted because the diff area file could not grow in time/i,
    code: 121,
    what: 'the shadow copy was aborted because its diff area could not grow in time (I/O load)',
    sample:
      'The shadow copies of volume VolumeName were aborted because the diff area file could not grow in time. Consider reducing the IO load on this system to avoid this problem in the future.',
    source: 'http://support.microsoft.com/kb/826936',
  },
  {
    // VSS itself cannot run: a COM class it needs is not registered (VSS 22/20 'A critical component … is not registered',
    // 34 'The VSS event class is not registered', 8193 'Unexpected error calling routine CoCreateInstance. hr = 0x80040154'),
    // so no writer is reached and every requestor's snapshot fails: the VSS service in a bad state, which Azure Backup
    // reports as ExtensionFailedVssServiceInBadState (BACKUP_VMS_TROUBLESHOOT: restart the VSS service).
    // KB 2009550 (22 + 8193, Class not registered) and KB 2009533 (34 + 8193 + 13): Eventcls.dll's registration is wrong. A
    // CoCreateInstance that failed with another code (0x8007045b: a shutdown in progress) is not this.
    id: 'vss-not-registered',
    re: /A critical component required by the Volume Shadow Copy service is not registered|The VSS event class is not registered|Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance\.\s{1,4}hr = 0x80040154/i,
    code: 121,
    what: 'a component the Volume Shadow Copy service needs is not registered (VSS reaches no writer, so no snapshot can be made)',
    sample:
      'Volume Shadow Copy Service error: A critical component required by the Volume Shadow Copy service is not registered. This might happened if an error occurred during Windows setup or during installation of a Shadow Copy provider. The error returned from CoCreateInstance on class with CLSID {faf53cc4-bd73-4e36-83f1-2b23f46e513e} and Name VSSEvent is [0x80040154, Class not registered].',
    source: `${KB_SUPPORT}no-vss-writers-listed-run-vssadmin-list-writers.md`,
  },
  {
    // Windows' own shadow copy provider (swprv, CLSID {65ee1dba-…}, name SW_PROV) cannot be created or started: VSS 12292
    // 'Error creating the Shadow Copy Provider COM class …' and 11 'The COM Server … SW_PROV cannot be started' (KB 2009513:
    // its ServiceDll value is missing; the backup fails with 0x8004230f): VSS in a bad state for every requestor, Azure
    // Backup's ExtensionFailedVssServiceInBadState. The CLSID and name are insertion strings; 11 is read by the name, which
    // survives a customer masking the ids. An 11/13 for a shutdown in progress (0x8007045b) is not a failure.
    id: 'system-provider-unavailable',
    re: /(?:Error creating the Shadow Copy Provider COM class with CLSID \{65ee1dba-8ff4-4a58-ac1c-3470ee2f376a\}|COM Server with CLSID \{[^}\n]{1,40}\} and name SW_PROV cannot be started)(?![^\n]{0,120}0x8007045b)/i,
    code: 121,
    what: "Windows' shadow copy provider (swprv) cannot be started, so VSS cannot create the snapshot",
    sample:
      'Volume Shadow Copy Service error: Error creating the Shadow Copy Provider COM class with CLSID {65ee1dba-8ff4-4a58-ac1c-3470ee2f376a} [0x80080005].',
    source: `${KB_SUPPORT}backup-fails-event-12292-11.md`,
  },
  {
    // VSS 8229: a writer vetoed one of the snapshot's own phases (the writer fails; ExtensionFailedVssWriterInBadState,
    // or a backup only file-system consistent). Its first sentence is localised, its Operation/Context insertion
    // strings are not, so the class is the event id with a snapshot phase in writer context, in any language; a
    // veto of OnIdentify or PrepareForBackup is not the snapshot's and stays context.
    id: 'writer-rejected',
    event: { provider: 'VSS', id: 8229 },
    re: /Operation:\s*(?:PrepareForSnapshot|Freeze|Thaw|PostSnapshot) Event\s[\s\S]{0,300}?Execution Context: Writer\b/i,
    code: 121,
    what: 'a VSS writer rejected a phase of the snapshot (the writer failed, so the snapshot is not application-consistent)',
    sample:
      'エラー 0x00000000, The operation completed successfully.\n により、VSS ライターはイベントを拒否しました。イベントの処理中に VSS ライターがライター コンポーネントに加えた変更は、要求側では利用できません。 VSS ライターをホストしているアプリケーションからの関連イベントについては、イベント ログを参照してください。\n\nOperation:\n   PrepareForSnapshot Event\n\nContext:\n   Execution Context: Writer\n   Writer Class Id: {1072ae1c-e5a7-4ea1-9e4a-6f7964656570}\n   Writer Name: Cluster Shared Volume VSS Writer',
    source: JPABRS_CSV,
  },
];

/**
 * The operation and the writer a VSS writer event names (`Operation:` / `PrepareForSnapshot Event`, `Writer Name: Cluster
 * Shared Volume VSS Writer`): insertion strings, which Japanese Windows writes in English (the 8229 jpabrs quotes) and
 * German Windows in German (`Vorgang:` / `Generatorname: System Writer`, the VSS 8194 of duplicati/duplicati#1297). The
 * event's first sentence is localised and, for a writer's veto, names only an error code (`エラー 0x00000000, The
 * operation completed successfully.`), so these are what says which writer refused what.
 */
export function vssWriterContext(text: string): { operation?: string; writer?: string } {
  if (text.length > 20000) text = text.slice(0, 20000);
  const op = /^[ \t]*(?:Operation|Vorgang)[ \t]*:[ \t]*\r?\n[ \t]*(\S[^\r\n]{0,99})/im.exec(text)?.[1].trim().replace(/ Event$/i, '');
  const writer = /^[ \t]*(?:Writer Name|Generatorname)[ \t]*:[ \t]*(\S[^\r\n]{0,199})/im.exec(text)?.[1].trim().replace(/^'(.*)'$/, '$1');
  return { ...(op ? { operation: op } : {}), ...(writer ? { writer } : {}) };
}

/** The signature a text matches; one bound to an event only when that event (source and id) is given. */
export function vssSignatureOf(text: string, event?: VssEvent): VssSignature | undefined {
  if (text.length > 20000) text = text.slice(0, 20000);
  return VSS_SIGNATURES.find(
    (s) => (!s.event || (event !== undefined && event.id === s.event.id && event.provider.toLowerCase() === s.event.provider.toLowerCase())) && s.re.test(text),
  );
}
