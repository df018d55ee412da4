import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSearchOutput, pastedFiles } from '../../src/main/ingest/paste';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';

// Real lines: test/cases/waagent-812-extension-log-dir-deleted (WALinuxAgent #812), ext-1868-freeze-never-thawed
// (azure-linux-extensions #1868) and win-chef-241-waappagent-txt-enable-killed; each case.json names its source. The
// prefixes are what GNU grep -rn (and -C: `path-N-`, `--` between groups) and PowerShell's Select-String print.
const CASES = join(__dirname, '..', 'cases');
const EXT_LOG = '/var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log';
const WAAGENT = '/var/log/waagent.log';
const WAAPPAGENT = 'C:\\WindowsAzure\\Logs\\WaAppAgent.log';

async function lines(id: string, name: string): Promise<string[]> {
  return (await readFile(join(CASES, id, 'files', name), 'utf8')).replace(/\n$/, '').split('\n');
}
const searched = (path: string, ls: readonly string[], sep = ':') => ls.map((l, i) => `${path}${sep}${i + 1}${sep}${l}`);

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('a search over the logs (grep -rn, Select-String) given as text', () => {
  it('is read as the files it names, each at its VM path, with the lines as the files hold them', async () => {
    const agent = await lines('waagent-812-extension-log-dir-deleted', 'waagent.log');
    const ext = await lines('ext-1868-freeze-never-thawed', 'extension.log');
    const paste = [...searched(EXT_LOG, ext), ...searched(WAAGENT, agent)].join('\n');
    const files = pastedFiles(paste, 0);
    expect(files.map((f) => [f.vmPath, f.kind])).toEqual([
      [EXT_LOG.slice(1), 'vmsnapshot-extension-log'],
      [WAAGENT.slice(1), 'waagent-log'],
    ]);
    expect(await files[1].content.text()).toBe(`${agent.join('\n')}\n`);
    expect(files[0].origin).toBe(`pasted text, ${EXT_LOG}`);
  });

  it('gives the causes the files give, for a paste and for a saved output', async () => {
    for (const [id, name, path] of [
      ['waagent-812-extension-log-dir-deleted', 'waagent.log', WAAGENT],
      ['ext-1868-freeze-never-thawed', 'extension.log', EXT_LOG],
      ['win-chef-241-waappagent-txt-enable-killed', 'WaAppAgent.txt', WAAPPAGENT],
    ] as const) {
      const plain = await analyzeBundle([join(CASES, id, 'files')]);
      const text = searched(path, await lines(id, name)).join('\n');
      const pasted = await analyzeBundle([{ pasted: text }]);
      expect(pasted.result.verdict.cause, id).toBe(plain.result.verdict.cause);
      expect(pasted.result.verdict.cause, id).toBeTruthy();
      const dir = await mkdtemp(join(tmpdir(), 'vmbd-search-'));
      dirs.push(dir);
      await writeFile(join(dir, 'grep.txt'), `${text}\n`);
      const saved = await analyzeBundle([join(dir, 'grep.txt')]);
      expect(saved.result.verdict.cause, id).toBe(plain.result.verdict.cause);
    }
  });

  it("keeps grep's context lines and drops its group breaks", async () => {
    const agent = await lines('waagent-812-extension-log-dir-deleted', 'waagent.log');
    const withContext = [...searched(WAAGENT, agent.slice(0, 3), '-'), '--', ...searched(WAAGENT, agent.slice(3))].join('\n');
    const [file] = pastedFiles(withContext, 0);
    expect(file.vmPath).toBe('var/log/waagent.log');
    expect(await file.content.text()).toBe(`${agent.join('\n')}\n`);
  });

  it('is not taken from a log whose own lines have dates and times in them', async () => {
    for (const [id, name] of [
      ['waagent-812-extension-log-dir-deleted', 'waagent.log'],
      ['ext-1868-freeze-never-thawed', 'extension.log'],
      ['win-chef-241-waappagent-txt-enable-killed', 'WaAppAgent.txt'],
    ]) expect(isSearchOutput((await lines(id, name)).join('\n')), id).toBe(false);
    // one line naming a file is a quote, not a search
    expect(isSearchOutput(`${WAAGENT}:12:x\nplain text\nmore text`)).toBe(false);
  });
});
