export type CauseId =
  | 'agent-not-running'
  | 'agent-unresponsive'
  | 'agent-outdated'
  | 'agent-config-disabled'
  | 'dotnet-missing'
  | 'no-network-wireserver'
  | 'dhcp-disabled'
  | 'storage-unreachable'
  | 'snapshot-task-delayed'
  | 'fsfreeze-failed'
  | 'prepost-script-failed'
  | 'extension-failed-state'
  | 'extension-stuck'
  | 'snapshot-limit-reached'
  | 'certificate-missing'
  | 'disk-full'
  | 'clock-skew'
  | 'vm-provisioning-updating'
  | 'vm-state-misreported'
  | 'backup-in-progress'
  | 'rp-collection-limit'
  | 'rp-resource-group-lock'
  | 'keyvault-permissions'
  | 'disk-size-unsupported'
  | 'datasource-not-protected'
  | 'azure-policy-denied'
  | 'vm-deleted'
  | 'vault-copy-timeout'
  | 'premium-storage-quota'
  | 'enhanced-policy-migration';

export type Verdict = 'detected' | 'ruled-out' | 'not-evaluable';
export type Confidence = 'high' | 'medium' | 'low';
export type Lang = 'en' | 'nl';

/** How much of a cause the guest can show (docs/CONTRACT.md "visible from the guest"). */
export type GuestVisibility = 'yes' | 'partly' | 'hints' | 'windows-only' | 'no';

/** The guest's operating system, as far as the bundle tells (VmSummary.platform). */
export type GuestPlatform = 'linux' | 'windows';

/**
 * What a remedy step fixes, where a cause's steps fix different things and the evidence can tell which applies:
 * `network` — the way from the guest to storage or 168.63.129.16 (NSG, proxy, TLS, DHCP); `host-error` — a call the
 * Azure side answered with an error (retry, then a support case); `machinekeys-acl` — the permissions of the key of the
 * certificate that protects extension settings (Crypto\\RSA\\MachineKeys); `machine-config` — the .NET machine.config the
 * Windows agent reads at start; `interpreter` — the interpreter the agent's command names. The Windows Backup extension's
steps: `vss-provider` — its VSS provider's install ("Install provider failed", a COMException); `antivirus` —
IaaSBcdrExtension.exe crashing (Application Error 1000); `com-plus` — the COM+ and MSDTC services; `desktop-heap` —
the desktop heap COM+ runs out of; `vcredist` — the Visual C++ runtime it installs; `storage-assembly` — the storage
assembly of ExtensionCommandExecFailure; `app-control` — AppLocker or another application control blocking it.
`extension-python` — the Python the Linux Backup extension needs. `openssl` — the openssl the Linux agent runs on the
goal state's certificates (its program, OS.OpensslPath, its configuration file); `fips` — FIPS mode refusing their cipher;
`certificate-files` — the certificate files an extension opens not where it looks (Lib.Dir); `crp-certificate` — the
Windows certificate the protected settings were encrypted for not in the store; `crypto-keys` — the Windows agent unable
to import or make certificates (Crypto folders' permissions, the CNG Key Isolation service). The agent's own: `agent-config`
— waagent.conf missing or unreadable; `agent-enable` — its unit disabled; `agent-install` — the Windows agent MSI failing
(WMI); `agent-stuck-stopping` and `enable64bit` — the Windows agent stuck stopping, or its 64-bit .NET run as 32-bit;
`memory` — the VM out of memory. `vss-registration` — VSS's own COM registration (the event class, swprv);
`fabric-adapter` — the Windows adapter that answers the agent's DHCP discovery without the fabric address; `tls` —
the Windows guest's TLS to storage (TLS 1.2 for .NET, the trusted root, SSL inspection).
 */
export type RemedyKey =
  | 'network'
  | 'host-error'
  | 'machinekeys-acl'
  | 'machine-config'
  | 'interpreter'
  | 'vss-provider'
  | 'antivirus'
  | 'com-plus'
  | 'desktop-heap'
  | 'vcredist'
  | 'storage-assembly'
  | 'app-control'
  | 'extension-python'
  | 'openssl'
  | 'fips'
  | 'certificate-files'
  | 'crp-certificate'
  | 'crypto-keys'
  | 'agent-config'
  | 'agent-enable'
  | 'agent-install'
  | 'agent-stuck-stopping'
  | 'enable64bit'
  | 'memory'
  | 'vss-registration'
  | 'fabric-adapter'
  | 'tls';

/**
 * A finding's say in its cause's remedy (remedySteps): the steps of `first` lead, in that order, the rest keep the
 * article's order; the steps of `omit` are left out (the evidence shows they do not apply). One list per cause stays
 * the source of the steps and their general words; `say` gives the step of a key the words of what the finding saw
 * (the host's answer it quotes), rendered from the analysis messages.
 */
export interface RemedyOrder {
  /**
   * The portal code the job failed on (the engineer entered it): the steps that answer it (`remedy.codes`) come next after `first`'s. The
   * evidence goes first: it is this VM's, and more precise than the code's family (ExtensionInstallationFailedCOM names
   * the COM+ services, COM+ event 4689 with it the desktop heap).
   */
  code?: string;
  first?: readonly RemedyKey[];
  omit?: readonly RemedyKey[];
  say?: Partial<Record<RemedyKey, Localized>>;
}

export interface Localized {
  en: string;
  nl: string;
}

/** A documentation link. English is the contract's `title` / `url`; a Dutch reader gets `titleNl` and the nl-nl page (linkIn). */
export interface DocLink {
  title: string;
  url: string;
  titleNl: string;
}

export interface CauseDefinition {
  id: CauseId;
  title: Localized;
  /** A Windows guest's title where `title` names a Linux mechanism (causeTitle); the id stays the same. */
  titleWindows?: Localized;
  /** What it means, one sentence. */
  description: Localized;
  portalCodes: string[];
  visibility: GuestVisibility;
  /** What the app looks for in the bundle (log signatures, files, codes); English, for docs and the UI. */
  signals?: string[];
  /**
   * Remedy steps in the article's order; `only[i]` names the one platform step i is for (null: every guest); `key[i]`
   * names what step i fixes, so that a finding whose evidence points at one kind of fix can lead with it (RemedyOrder);
   * `codes[i]` the portal codes step i answers (the article's or self-help's fix for that code), which lead when the job
   * failed on one of them: a field, not a word of the text, so a rewording or a translation cannot lose it.
   */
  remedy: { en: string[]; nl: string[]; only: (GuestPlatform | null)[]; key: (RemedyKey | null)[]; codes: (readonly string[])[] };
  links: DocLink[];
  /** For causes only Azure can see: what to check in the portal. */
  azureCheck?: Localized;
  /**
   * An Azure-side cause the portal names by a code of its own: it is on the "Check in Azure" list only when that code
   * is entered, not on the list shown when no code is entered and nothing was found (that list stays the likely ones).
   */
  byOwnCode?: true;
  /** Where the cause comes from: the seed article's section, or research for added causes. */
  source: string;
}

export interface PortalCodeDefinition {
  code: string;
  message: Localized;
  /** Causes to walk for this code, in the article's order. */
  causes: CauseId[];
  /** Anchor in the seed article or research note. */
  source: string;
}
