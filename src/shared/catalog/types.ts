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
  /** Remedy steps in the article's order; `only[i]` names the one platform step i is for (null: every guest). */
  remedy: { en: string[]; nl: string[]; only: (GuestPlatform | null)[] };
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
