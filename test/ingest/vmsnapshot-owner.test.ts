import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { renderAnalysis } from '../../src/shared/i18n/analysis';
import { ROOT } from '../helpers/paths';

/**
 * An `extension.log` whose head names no extension and whose first lines no sniffer knows was read by the generic
 * handler-log parser, and the Backup extension's snapshot steps in it were lost. Its folder
 * (`…/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/`) or the extension's own words further down say whose it is.
 * Real lines: the Azure Backup troubleshooting guide's normal backup (test/cases/neg-tsg-vmsnapshotlinux-extension-log-
 * normal-backup) from its freeze binary's first step on, as an excerpt of it starts; WALinuxAgent#2949's VMAccess
 * extension.log (test/cases/waagent-2949-lib-dir-moved-vmaccess-crt-missing).
 */
const CASES = join(ROOT, 'test', 'cases');
const TSG = readFileSync(join(CASES, 'neg-tsg-vmsnapshotlinux-extension-log-normal-backup', 'files', 'extension.log'), 'latin1');
const EXCERPT = Buffer.from(TSG.split('\n').slice(6).join('\n'), 'latin1');
const VMACCESS = readFileSync(join(CASES, 'waagent-2949-lib-dir-moved-vmaccess-crt-missing', 'files', 'extension.log'));
const OWN_DIR = 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux';
const OWN_PATH = `var/log/azure/${OWN_DIR}/extension.log`;

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-vmsnap-owner-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function written(rel: string, bytes: Buffer | Uint8Array): string {
  const dir = mkdtempSync(join(tmp, 'in-'));
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, bytes);
  return dir;
}

async function placed(input: string) {
  const { result } = await analyzeBundle([input]);
  const f = result.files.find((x) => x.vmPath.endsWith('extension.log'))!;
  return { file: f, facts: result.stats.facts, detected: result.findings.filter((x) => x.verdict === 'detected' && x.confidence !== 'low') };
}

describe("an extension.log whose head does not say it is the Backup extension's", () => {
  it('the excerpt alone: its snapshot steps further down decide', async () => {
    expect(EXCERPT.toString('latin1')).toMatch(/^\*{6} 1\. Starting Freeze Binary\n/);
    const dir = written('extension.log', EXCERPT);
    for (const input of [dir, join(dir, 'extension.log')]) {
      const { file, facts, detected } = await placed(input);
      expect(file.vmPath).toBe(OWN_PATH);
      expect(file.kind).toBe('vmsnapshot-extension-log');
      expect(renderAnalysis(file.warnings[0].note!, 'en')).toContain("(its name and content are those of the Backup extension's log (VMSnapshotLinux extension.log))");
      expect(facts).toBeGreaterThan(0); // the freeze binary's steps and the snapshot times are read
      expect(detected).toEqual([]); // a normal backup stays quiet
    }
  });

  it('in the extension\'s folder (copied from /var/log/azure, or zipped): the folder decides', async () => {
    const inFolder = written(`ticket-4711/${OWN_DIR}/extension.log`, EXCERPT);
    const zipped = join(written('x', Buffer.alloc(0)), 'logs.zip');
    writeFileSync(zipped, zipSync({ [`${OWN_DIR}/extension.log`]: EXCERPT, 'notes.txt': Buffer.from('ticket 4711\n') }));
    for (const input of [inFolder, join(inFolder, 'ticket-4711', OWN_DIR), join(inFolder, 'ticket-4711', OWN_DIR, 'extension.log'), zipped]) {
      const { file, facts } = await placed(input);
      expect(file.kind).toBe('vmsnapshot-extension-log');
      expect(file.vmPath).toBe(OWN_PATH);
      expect(facts).toBeGreaterThan(0);
      const w = file.warnings.find((x) => x.note?.key === 'ingest.loose-placed')!;
      expect(renderAnalysis(w.note!, 'en')).toMatch(/\(its name and (folder|content) are those of the Backup extension's log/);
      expect(renderAnalysis(w.note!, 'nl')).toMatch(/\(naam en (map|inhoud) zijn die van het log van de back-upextensie/);
    }
  });

  it("the extension's log copied by Windows Explorer or saved with a date is still its own", async () => {
    const whole = Buffer.from(TSG, 'latin1');
    for (const name of ['extension - Copy.log', 'extension_2020-08-28.log']) {
      const { file, facts } = await placed(written(name, whole));
      expect(file).toMatchObject({ vmPath: OWN_PATH, kind: 'vmsnapshot-extension-log', givenName: name });
      expect(facts).toBeGreaterThan(0);
    }
  });

  it("another extension's log stays its own, and a log with none of the extension's words stays generic", async () => {
    expect((await placed(written('extension.log', VMACCESS))).file.vmPath).toBe('var/log/azure/Microsoft.OSTCExtensions.VMAccessForLinux/extension.log');
    // the VMAccess lines without their handler prefix: the settings path they print names the extension
    // (`/usr/local/waagent/Microsoft.OSTCExtensions.VMAccessForLinux-1.5.16/config/0.settings`); without that line too,
    // nothing names one
    const bare = VMACCESS.toString('latin1').replace(/\[Microsoft\.OSTCExtensions\.VMAccessForLinux-1\.5\.16\] ?/g, '');
    expect((await placed(written('extension.log', Buffer.from(bare, 'latin1')))).file.vmPath).toBe('var/log/azure/Microsoft.OSTCExtensions.VMAccessForLinux/extension.log');
    const nameless = bare.split('\n').filter((l) => !l.includes('/waagent/Microsoft.')).join('\n');
    const { file } = await placed(written('extension.log', Buffer.from(nameless, 'latin1')));
    expect(file.kind).toBe('extension-log');
    expect(file.vmPath).toBe('var/log/azure/unknown-extension/extension.log');
  });
});
