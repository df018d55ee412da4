import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { sosTailedPath } from '../../src/main/ingest/paths';
import { ROOT } from '../helpers/paths';

/**
 * sos keeps only the end of a log over its size limit (`log_size`, 25 MiB): the tail at `sos_strings/<plugin>/<path with
 * dots>.tailed`, a link to it at the log's path (sosreport/sos, sos/report/plugins/__init__.py `_collect_tailed_files`;
 * the azure plugin sizes each /var/log/azure file so). A big extension.log reaches the report only that way.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const CASE = join(ROOT, 'test', 'cases', 'ext-1868-freeze-never-thawed', 'files');
const EXT = 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log';
const TAILED = 'sos_strings/azure/var.log.azure.Microsoft.Azure.RecoveryServices.VMSnapshotLinux.extension.log.tailed';

describe("a sosreport's tail of a log over its size limit", () => {
  it('names the log it is the end of', () => {
    expect(sosTailedPath(TAILED)).toBe(EXT);
    expect(sosTailedPath('sos_strings/azure/var.log.waagent.log.tailed')).toBe('var/log/waagent.log');
    expect(sosTailedPath('sos_strings/azure/var.log.waagent.log.1.tailed')).toBe('var/log/waagent.log.1');
    expect(sosTailedPath('sos_strings/logs/var.log.messages.tailed')).toBe('var/log/messages');
    // a command's output over its limit (sos_commands/<plugin>/<name> links to it): the journal the service-output format reads
    expect(sosTailedPath('sos_strings/logs/journalctl_--no-pager_--boot.tailed')).toBe('sos_commands/logs/journalctl_--no-pager_--boot');
    expect(sosTailedPath('sos_strings/kernel/uname_-a.tailed')).toBeUndefined();
    // a file no format declares stays where it is
    expect(sosTailedPath('sos_strings/foo/var.lib.foo.bar.tailed')).toBeUndefined();
    expect(sosTailedPath('var/log/waagent.log')).toBeUndefined();
  });

  it('is read at that path, as the end of the log, without a word about the link (a tar.gz, its folder, and re-zipped without the link)', async () => {
    const plain = (await analyzeBundle([CASE])).result;
    const want = plain.findings.filter((f) => f.verdict === 'detected').map((f) => `${f.cause} (${f.confidence})`);
    expect(want.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-sos-tailed-'));
    dirs.push(dir);
    const top = 'sosreport-vm1-2024-01-15-abcdefg';
    const at = join(dir, 'tree', top);
    mkdirSync(join(at, 'sos_strings', 'azure'), { recursive: true });
    mkdirSync(join(at, 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux'), { recursive: true });
    mkdirSync(join(at, 'sos_logs'), { recursive: true });
    cpSync(join(CASE, 'extension.log'), join(at, TAILED));
    symlinkSync(`../../../../${TAILED}`, join(at, EXT));
    writeFileSync(join(at, 'sos_logs', 'sos.log'), '2024-01-15 10:00:00,000 INFO: sos report started\n');
    const tgz = join(dir, `${top}.tar.gz`);
    tar.c({ gzip: true, file: tgz, cwd: join(dir, 'tree'), sync: true }, [top]);
    const rezipped = join(dir, 'sosreport.zip');
    writeFileSync(rezipped, zipSync({ [`${top}/${TAILED}`]: readFileSync(join(CASE, 'extension.log')), [`${top}/sos_logs/sos.log`]: Buffer.from('x\n') }));
    for (const input of [tgz, join(dir, 'tree'), rezipped]) {
      const r = (await analyzeBundle([input])).result;
      const f = r.files.find((x) => x.vmPath === EXT);
      expect(f?.kind, input).toBe('vmsnapshot-extension-log');
      expect(f?.truncated, input).toBe(true);
      expect((f?.warnings ?? []).map((w) => w.message).join('\n'), input).toMatch(/read as \/var\/log\/azure\/.*\/extension\.log, of which sos kept only the end/);
      expect(r.warnings.map((w) => w.message).join('\n'), input).not.toMatch(/link/i);
      expect(r.findings.filter((x) => x.verdict === 'detected').map((x) => `${x.cause} (${x.confidence})`), input).toEqual(want);
    }
  });
});
