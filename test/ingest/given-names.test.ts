import { mkdtempSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { formatText } from '../../src/main/cli/text';
import { toCliJson } from '../../src/main/report/json';
import { evidencePlacer, givenNames } from '../../src/shared/evidence-place';
import { ROOT } from '../helpers/paths';

/**
 * A file the engineer attached under its own name is read as the VM file its content is (a `systemctl status`
 * transcript as var/log/syslog), but its evidence names the file the engineer has. Real files: coreos/bugs#1755
 * (test/cases/coreos-1755-waagent-conf-missing) and WALinuxAgent#812 (test/cases/waagent-812-extension-log-dir-deleted).
 */
const CASES = join(ROOT, 'test', 'cases');
const words = { pastedLine: (n: number) => `pasted text, line ${n}`, pasted: 'pasted text' };

describe('evidence in a file placed by its content', () => {
  it('names the attached file, not the VM path it was read as', async () => {
    const { result } = await analyzeBundle([join(CASES, 'coreos-1755-waagent-conf-missing', 'files')]);
    const file = result.files.find((f) => f.givenName === 'systemctl-status-waagent.txt')!;
    expect(file.vmPath).toBe('var/log/syslog');
    const f = result.findings.find((x) => x.cause === 'agent-not-running')!;
    const place = evidencePlacer(result.files, result.inputs, words);
    expect(f.evidence.map(place)).toContain('systemctl-status-waagent.txt:4');
    expect(formatText(result)).toContain('systemctl-status-waagent.txt:4');
    expect(formatText(result)).not.toContain('var/log/syslog:4');
    expect(toCliJson(result).files).toContainEqual(expect.objectContaining({ path: 'var/log/syslog', givenName: 'systemctl-status-waagent.txt' }));
  });

  it('a file named as on the VM keeps its path', async () => {
    const { result } = await analyzeBundle([join(CASES, 'waagent-812-extension-log-dir-deleted', 'files')]);
    const log = result.files.find((f) => f.vmPath === 'var/log/waagent.log')!;
    expect(log.givenName).toBeUndefined();
    const place = evidencePlacer(result.files, result.inputs, words);
    const ev = result.findings.flatMap((f) => f.evidence).find((e) => e.file === 'var/log/waagent.log')!;
    expect(place(ev)).toBe(`var/log/waagent.log:${ev.line}`);
  });

  it('a file placed in made-up folders is named as given (win-learn-extcert-invalid-provider-type)', async () => {
    const { result } = await analyzeBundle([join(CASES, 'win-learn-extcert-invalid-provider-type', 'files')]);
    expect(result.files[0]).toMatchObject({ vmPath: 'WindowsAzure/Logs/Plugins/unknown/unknown/extension.log', givenName: 'extension.log' });
    expect(formatText(result)).toContain('extension.log:1');
    expect(formatText(result)).not.toContain('Plugins/unknown/unknown');
  });

  it('a renamed copy is named as given, and two differently named files on one path stay a path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'given-'));
    copyFileSync(join(CASES, 'waagent-812-extension-log-dir-deleted', 'files', 'waagent.log'), join(dir, 'waagent (1).log'));
    writeFileSync(join(dir, 'notes.md'), 'ticket notes\n');
    const { result } = await analyzeBundle([dir]);
    expect(result.files.find((f) => f.vmPath === 'var/log/waagent.log')?.givenName).toBe('waagent (1).log');
    expect(givenNames([
      { vmPath: 'var/log/syslog', givenName: 'a.txt' },
      { vmPath: 'var/log/syslog', givenName: 'b.txt' },
      { vmPath: 'var/log/waagent.log', givenName: 'waagent (1).log' },
    ])).toEqual(new Map([['var/log/waagent.log', 'waagent (1).log']]));
  });
});
