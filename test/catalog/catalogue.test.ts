import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CAUSES, CAUSE_IDS, PORTAL_CODES, causeById, portalCode, remedySteps, linksFor, linkIn } from '../../src/shared/catalog';
import type { CauseId } from '../../src/shared/catalog';
import { isAllowedDocUrl } from '../../src/main/ipc/external-links';
import { CONTRACT, SEED_ARTICLE } from '../helpers/paths';

const SEED = readFileSync(SEED_ARTICLE, 'utf8');
const CAUSES_MD = readFileSync(CONTRACT, 'utf8');

/** Rows of the "Causes" table in docs/CONTRACT.md: id → explicit portal codes, and whether "and related" leaves it open. */
function causesTable(): Map<string, { codes: string[]; open: boolean }> {
  const rows = new Map<string, { codes: string[]; open: boolean }>();
  for (const line of CAUSES_MD.split('\n')) {
    const m = /^\| `([a-z0-9-]+)` \|[^|]*\|([^|]*)\|/.exec(line);
    if (!m) continue;
    let cell = m[2].trim();
    const open = / and related$/.test(cell);
    cell = cell.replace(/ and related$/, '');
    rows.set(m[1], { codes: cell.split(',').map((s) => s.trim()).filter(Boolean), open });
  }
  return rows;
}

/** Portal codes named in the seed article's "##" headings (the machine translation mangles the bold "Foutcode" lines, not the headings). */
function seedPortalCodes(): string[] {
  const codes: string[] = [];
  for (const line of SEED.split('\n')) {
    const m = /^## (?:<a name="[^"]*"><\/a>)+(.+)$/.exec(line);
    if (!m) continue;
    const head = m[1].split(/\s+-\s+|:\s/)[0];
    for (const part of head.split('/')) {
      const code = part.trim();
      if (/^[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+$/.test(code)) codes.push(code);
    }
  }
  return codes;
}

const SEED_ANCHORS = new Set([...SEED.matchAll(/<a name="([^"]+)">/g)].map((m) => m[1]));

describe('cause catalogue', () => {
  it('ids are kebab-case and unique, and CAUSE_IDS follows CAUSES', () => {
    for (const id of CAUSE_IDS) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(new Set(CAUSE_IDS).size).toBe(CAUSE_IDS.length);
    expect(CAUSE_IDS).toEqual(CAUSES.map((c) => c.id));
    expect(causeById('fsfreeze-failed').id).toBe('fsfreeze-failed');
    expect(() => causeById('no-such-cause' as CauseId)).toThrow(/unknown cause/);
  });

  it('has every cause of docs/CONTRACT.md, with the same portal codes', () => {
    const table = causesTable();
    expect(table.size).toBeGreaterThanOrEqual(25); // the table parsed; the floor in docs/CONTRACT.md
    for (const [id, { codes, open }] of table) {
      const def = CAUSES.find((c) => c.id === id);
      expect(def, `cause ${id} from docs/CONTRACT.md`).toBeDefined();
      if (open) {
        // "X and related": X must be there; the related names are the catalogue's to list.
        for (const code of codes) expect(def!.portalCodes, id).toContain(code);
      } else {
        expect([...def!.portalCodes].sort(), id).toEqual([...codes].sort());
      }
    }
  });

  it('every portal code of the seed article is in PORTAL_CODES', () => {
    const codes = seedPortalCodes();
    // The article's 13 codes (BackUpOperationFailed and ...V2 share a heading).
    expect(codes).toEqual(
      expect.arrayContaining(['UserErrorGuestAgentStatusUnavailable', 'GuestAgentSnapshotTaskStatusError', 'BackUpOperationFailedV2', 'UserErrorBcmDatasourceNotPresent']),
    );
    expect(codes).toHaveLength(13);
    for (const code of codes) expect(portalCode(code)?.code, code).toBe(code);
  });

  it('portal codes are unique, their causes exist, and every code a cause names lists that cause', () => {
    const all = PORTAL_CODES.map((p) => p.code.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
    const ids = new Set<string>(CAUSE_IDS);
    for (const p of PORTAL_CODES) {
      expect(p.causes.length, p.code).toBeGreaterThan(0);
      expect(new Set(p.causes).size, `${p.code} lists a cause twice`).toBe(p.causes.length);
      for (const c of p.causes) expect(ids.has(c), `${p.code} → ${c}`).toBe(true);
      expect(p.message.en.trim() && p.message.nl.trim(), p.code).toBeTruthy();
    }
    for (const c of CAUSES) {
      for (const code of c.portalCodes) {
        const p = portalCode(code);
        expect(p, `${c.id} names ${code}`).toBeDefined();
        expect(p!.causes, `${code} should list ${c.id}`).toContain(c.id);
      }
    }
  });

  it("portal code causes follow the article's order", () => {
    // Spot checks against the seed: "Oorzaak 1..4" lists and the section order.
    const order = (code: string, a: CauseId, b: CauseId) => {
      const list = portalCode(code)!.causes;
      expect(list.indexOf(a), `${code}: ${a}`).toBeGreaterThanOrEqual(0);
      expect(list.indexOf(a), `${code}: ${a} before ${b}`).toBeLessThan(list.indexOf(b));
    };
    order('GuestAgentSnapshotTaskStatusError', 'agent-unresponsive', 'agent-outdated');
    order('GuestAgentSnapshotTaskStatusError', 'agent-outdated', 'dhcp-disabled');
    order('GuestAgentSnapshotTaskStatusError', 'dhcp-disabled', 'agent-config-disabled');
    order('ExtensionOperationFailedForManagedDisks', 'dhcp-disabled', 'agent-unresponsive');
    order('ExtensionOperationFailedForManagedDisks', 'agent-unresponsive', 'agent-outdated');
    order('BackUpOperationFailed', 'agent-outdated', 'vm-state-misreported');
    order('BackUpOperationFailed', 'vm-state-misreported', 'rp-resource-group-lock');
    order('UserErrorRpCollectionLimitReached', 'rp-resource-group-lock', 'rp-collection-limit');
    order('UserErrorVmProvisioningStateFailed', 'extension-failed-state', 'vm-provisioning-updating');
    expect(portalCode('  userErrorFsFreezeTimeout ')?.causes[0]).toBe('fsfreeze-failed');
  });

  it('every cause has remedy steps in English and Dutch, step for step', () => {
    for (const c of CAUSES) {
      expect(c.remedy.en.length, c.id).toBeGreaterThanOrEqual(1);
      expect(c.remedy.nl.length, c.id).toBe(c.remedy.en.length);
      for (const [i, step] of c.remedy.en.entries()) {
        expect(step.trim().length, `${c.id} en[${i}]`).toBeGreaterThan(10);
        expect(c.remedy.nl[i].trim().length, `${c.id} nl[${i}]`).toBeGreaterThan(10);
        expect(c.remedy.nl[i], `${c.id} step ${i} is not translated`).not.toBe(step);
      }
      for (const l of [c.title, c.description]) expect(l.en.trim() && l.nl.trim(), c.id).toBeTruthy();
      // every source names where it comes from: the seed article, a Microsoft article or self-help page, the agent's source
      expect(c.source.trim(), c.id).toMatch(/\bseed\b|troubleshooting|self-help|https:\/\/|WALinuxAgent|extension/);
    }
  });

  it('a step for one platform says so in both languages and is left out for the other', () => {
    let windows = 0;
    let linux = 0;
    const untagged: string[] = [];
    for (const c of CAUSES) {
      expect(c.remedy.only.length, c.id).toBe(c.remedy.en.length);
      for (const [i, only] of c.remedy.only.entries()) {
        const en = c.remedy.en[i];
        const nl = c.remedy.nl[i];
        if (/^Windows VMs\b/.test(en)) expect(only, `${c.id} step ${i}`).toBe('windows');
        if (/^Linux VMs\b/.test(en)) expect(only, `${c.id} step ${i}`).toBe('linux');
        // the Dutch step opens with the same platform as the English one
        expect(/^Windows-VM's\b/.test(nl), `${c.id} nl step ${i}`).toBe(/^Windows VMs\b/.test(en));
        expect(/^Linux-VM's\b/.test(nl), `${c.id} nl step ${i}`).toBe(/^Linux VMs\b/.test(en));
        // Linux-only tools and paths never reach a Windows guest's list, and Windows ones never a Linux guest's
        if (/services\.msc|C:\\|msiexec|vssadmin|WaAppAgent/.test(en) && only !== 'windows') untagged.push(`${c.id} step ${i} (windows): ${en.slice(0, 60)}`);
        if (/\/etc\/azure\/vmbackup\.conf|`ps -e`|waagent\.conf|fsck|MountsToSkip/.test(en) && !/^Windows/.test(en) && only !== 'linux') untagged.push(`${c.id} step ${i} (linux): ${en.slice(0, 60)}`);
        if (only === 'windows') windows++;
        if (only === 'linux') linux++;
      }
    }
    expect(untagged).toEqual([]);
    expect(windows).toBeGreaterThan(10);
    expect(linux).toBeGreaterThan(15);
    const notRunning = causeById('agent-not-running');
    const onLinux = remedySteps(notRunning, 'en', 'linux');
    const onWindows = remedySteps(notRunning, 'nl', 'windows');
    expect(onLinux.some((s) => s.startsWith('Windows VMs'))).toBe(false);
    expect(onLinux.some((s) => s.includes('`ps -e`'))).toBe(true);
    expect(onWindows.some((s) => s.includes('ps -e'))).toBe(false);
    expect(onWindows.some((s) => s.startsWith("Windows-VM's"))).toBe(true);
    expect(remedySteps(notRunning, 'en', 'unknown')).toEqual(notRunning.remedy.en);
  });

  it("gives a guest the links about its own platform: a Windows VSS failure is not sent to the Linux extension's page", () => {
    const freeze = causeById('fsfreeze-failed');
    const urls = (p: 'linux' | 'windows' | 'unknown') => linksFor(freeze, p).map((l) => l.url);
    expect(urls('linux').some((u) => u.includes('vmsnapshot-linux'))).toBe(true);
    expect(urls('windows').some((u) => u.includes('vmsnapshot-linux'))).toBe(false);
    expect(urls('windows').length).toBeGreaterThan(0);
    expect(urls('unknown')).toEqual(freeze.links.map((l) => l.url));
    // every cause keeps a link on either platform (a cause of one platform only keeps its own)
    for (const c of CAUSES) for (const p of ['linux', 'windows'] as const) expect(linksFor(c, p).length, `${c.id} ${p}`).toBeGreaterThan(0);
    expect(linksFor(causeById('agent-not-running'), 'linux').some((l) => l.url.includes('windows-azure-guest-agent'))).toBe(false);
  });

  it("certificate-missing gives a Windows guest Learn's fix for its transport certificate and no Linux log", () => {
    // https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-extension-certificates-issues-windows-vm
    // Solution 1: delete the "Windows Azure CRP Certificate Generator" certificate, trigger a new goal state; Solution 2: MachineKeys ACL
    const cert = causeById('certificate-missing');
    for (const lang of ['en', 'nl'] as const) {
      const onWindows = remedySteps(cert, lang, 'windows');
      const onLinux = remedySteps(cert, lang, 'linux');
      expect(onWindows.some((s) => s.includes('Windows Azure CRP Certificate Generator') && s.includes('Update-AzVM') && s.includes('The enveloped-data message does not contain the specified recipient')), lang).toBe(true);
      // the article lists "Self-signed Certificate Generation failed" in Solution 2's variant (MachineKeys), not Solution 1's
      expect(onWindows.find((s) => s.includes('Self-signed Certificate Generation failed')), lang).toContain('MachineKeys');
      expect(onWindows.findIndex((s) => s.includes('Update-AzVM')), lang).toBeLessThan(onWindows.findIndex((s) => s.includes('MachineKeys')));
      expect(onWindows.some((s) => s.includes('KeyIso')), lang).toBe(true);
      expect(onWindows.some((s) => /waagent\.log|chrony/.test(s) && !/Windows/.test(s)), lang).toBe(false);
      expect(onWindows.some((s) => s.includes('waagent.log')), lang).toBe(false);
      expect(onLinux.some((s) => s.includes('waagent.log')), lang).toBe(true);
      expect(onLinux.some((s) => /C:\\|WaAppAgent/.test(s)), lang).toBe(false);
    }
    expect(cert.links.some((l) => l.url.endsWith('/troubleshoot-extension-certificates-issues-windows-vm'))).toBe(true);
  });

  it('causes Azure must (partly) show say what to check in the portal', () => {
    const needsCheck: CauseId[] = [
      'rp-resource-group-lock',
      'datasource-not-protected',
      'backup-in-progress',
      'rp-collection-limit',
      'keyvault-permissions',
      'vm-provisioning-updating',
      'vm-state-misreported',
      'disk-size-unsupported',
      'clock-skew',
    ];
    for (const id of needsCheck) {
      const c = causeById(id);
      expect(c.azureCheck?.en.trim(), id).toBeTruthy();
      expect(c.azureCheck?.nl.trim(), id).toBeTruthy();
    }
    // Any cause the guest cannot fully show carries a portal check.
    for (const c of CAUSES) if (c.visibility === 'no' || c.visibility === 'hints' || c.visibility === 'partly') expect(c.azureCheck, c.id).toBeDefined();
  });

  it('links are https, on hosts the app opens, and seed anchors exist', () => {
    for (const c of CAUSES) {
      expect(c.links.length, `${c.id} has no documentation link`).toBeGreaterThan(0);
      for (const l of c.links) {
        expect(l.title.trim(), c.id).toBeTruthy();
        expect(l.url, c.id).toMatch(/^https:\/\//);
        const verdict = isAllowedDocUrl(l.url);
        expect(verdict, `${c.id}: ${l.url}`).toMatchObject({ ok: true });
        // Relative article links were made absolute; nothing points at a .md file any more.
        expect(l.url, c.id).not.toMatch(/\.md(?:#|$)/);
        // the Dutch report follows the Dutch title to the nl-nl edition of Microsoft's pages, which the app opens too
        const nl = linkIn('nl', l);
        expect(l.titleNl.trim(), c.id).toBeTruthy();
        expect(isAllowedDocUrl(nl.url), `${c.id}: ${nl.url}`).toMatchObject({ ok: true });
        if (/^https:\/\/(?:learn|docs)\.microsoft\.com\//.test(l.url)) expect(nl.url, c.id).toMatch(/^https:\/\/(?:learn|docs)\.microsoft\.com\/nl-nl\//);
        // an fwlink names its language in clcid: the Dutch reader gets nl-NL (0x413), never en-US (0x409)
        if (/[?&]clcid=/i.test(l.url)) expect(nl.url, c.id).toMatch(/[?&]clcid=0x413\b/i);
        const u = new URL(l.url);
        if (u.pathname.endsWith('/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout') && u.hash) {
          expect(SEED_ANCHORS.has(u.hash.slice(1)), `${c.id}: anchor ${u.hash} is not in the article`).toBe(true);
        }
      }
    }
  });

  it("keeps the article's own links (absolute ones unchanged, relative ones on learn.microsoft.com)", () => {
    const urls = new Set(CAUSES.flatMap((c) => c.links.map((l) => l.url)));
    for (const m of SEED.matchAll(/\]\((https:\/\/[^)\s]+)\)/g)) {
      const url = m[1];
      if (url.startsWith('https://docs.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout')) continue; // self-link
      expect(urls.has(url), `article link ${url}`).toBe(true);
    }
    for (const m of SEED.matchAll(/\]\(((?:\.\.\/)?[a-z0-9/-]+\.md)(#[^)]*)?\)/g)) {
      const path = m[1].replace(/^\.\.\//, '').replace(/\.md$/, '');
      const abs = `https://learn.microsoft.com/azure/${path.includes('/') ? path : `backup/${path}`}${m[2] ?? ''}`;
      expect(urls.has(abs), `article link ${m[0]} → ${abs}`).toBe(true);
    }
  });
});
