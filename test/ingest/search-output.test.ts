import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSearchOutput, pastedFiles, searchFiles } from '../../src/main/ingest/paste';
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

describe('the other forms of a search', () => {
  it('grep without -n (`path:text`) over several files is read as those files', async () => {
    const agent = await lines('waagent-812-extension-log-dir-deleted', 'waagent.log');
    const ext = await lines('ext-1868-freeze-never-thawed', 'extension.log');
    const plain = [...ext.map((l) => `${EXT_LOG}:${l}`), ...agent.map((l) => `${WAAGENT}:${l}`)].join('\n');
    expect(isSearchOutput(plain)).toBe(true);
    const files = pastedFiles(plain, 0);
    expect(files.map((f) => [f.vmPath, f.kind])).toEqual([
      [EXT_LOG.slice(1), 'vmsnapshot-extension-log'],
      [WAAGENT.slice(1), 'waagent-log'],
    ]);
    expect(await files[1].content.text()).toBe(`${agent.join('\n')}\n`);
    // Select-String's form of a Windows file too
    const chef = await lines('win-chef-241-waappagent-txt-enable-killed', 'WaAppAgent.txt');
    const [win] = pastedFiles(chef.map((l) => `${WAAPPAGENT}:${l}`).join('\n'), 0);
    expect([win.vmPath, win.kind]).toEqual(['WindowsAzure/Logs/WaAppAgent.log', 'windows-agent-log']);
  });

  it('grep -n over one file (`12:text`, no path) is read as that file, placed by its content', async () => {
    const agent = await lines('waagent-812-extension-log-dir-deleted', 'waagent.log');
    const numbered = agent.map((l, i) => `${i * 3 + 10}:${l}`).join('\n');
    expect(isSearchOutput(numbered)).toBe(true);
    const files = pastedFiles(numbered, 0);
    expect(files.map((f) => [f.vmPath, f.kind])).toEqual([['var/log/waagent.log', 'waagent-log']]);
    expect(await files[0].content.text()).toBe(`${agent.join('\n')}\n`);
    const plain = await analyzeBundle([join(CASES, 'waagent-812-extension-log-dir-deleted', 'files')]);
    const pasted = await analyzeBundle([{ pasted: numbered }]);
    expect(pasted.result.verdict.cause).toBe(plain.result.verdict.cause);
  });

  it('a file of every case is never taken for a search, however its lines start, but the one that is a grep output', async () => {
    const { readdir, stat } = await import('node:fs/promises');
    const taken: string[] = [];
    for (const id of await readdir(CASES)) {
      const dir = join(CASES, id, 'files');
      const walk = async (d: string): Promise<void> => {
        for (const n of await readdir(d)) {
          const p = join(d, n);
          if ((await stat(p)).isDirectory()) await walk(p);
          else if (isSearchOutput((await readFile(p)).subarray(0, 8192).toString('latin1'))) taken.push(p);
        }
      };
      if ((await stat(join(CASES, id))).isDirectory()) await walk(dir).catch(() => undefined);
    }
    // #218's one line was posted as grep printed it over the agent's folder: `./waagent.log:2016/06/06 22:16:42 …`
    expect(taken.map((p) => p.slice(CASES.length + 1))).toEqual(['neg-waagent-218-vmbackup-started-before-host-reboot/files/waagent.log']);
  });

  it('a log of clock-only or dated lines is no numbered search', () => {
    // a time at the line's start is no line number: `10:24:13 …`, `2024-01-02 …`
    expect(isSearchOutput('10:24:13 first\n10:24:14 second\n10:25:01 third')).toBe(false);
    expect(isSearchOutput('2024-01-02 10:11:12 a\n2024-01-02 10:11:13 b')).toBe(false);
    // numbers that go down are no one file's line numbers
    expect(isSearchOutput('30:a\n12:b\n5:c')).toBe(false);
  });
});

describe('numbered lines that are no search', () => {
  it("a numbered list of no known log's lines (a command's `1: …`, `2: …`) is not one file's grep -n", () => {
    expect(isSearchOutput('1: first item\n2: second item\n3: third item')).toBe(false);
  });
});

describe('a saved search in a collected tree', () => {
  it('a grep.txt beside the VM folders, or in a home folder, is read as the files it names', async () => {
    const { ingest } = await import('../../src/main/ingest');
    const { mkdir } = await import('node:fs/promises');
    const ext = await lines('ext-1868-freeze-never-thawed', 'extension.log');
    const agent = await lines('waagent-812-extension-log-dir-deleted', 'waagent.log');
    for (const at of ['grep.txt', 'home/azureuser/grep.txt']) {
      const dir = await mkdtemp(join(tmpdir(), 'vmbd-tree-'));
      dirs.push(dir);
      await mkdir(join(dir, 'var', 'log'), { recursive: true });
      await writeFile(join(dir, 'var', 'log', 'waagent.log'), `${agent.join('\n')}\n`);
      await mkdir(join(dir, at, '..'), { recursive: true });
      await writeFile(join(dir, at), `${searched(EXT_LOG, ext).join('\n')}\n`);
      const r = await ingest([dir]);
      expect(r.files.map((f) => [f.vmPath, f.kind]).sort(), at).toEqual([
        [EXT_LOG.slice(1), 'vmsnapshot-extension-log'],
        ['var/log/waagent.log', 'waagent-log'],
      ]);
    }
  });
});

describe('a search (grep without -n) in the wrapper it came in', () => {
  const read = async (input: string | { pasted: string }) => {
    const { ingest } = await import('../../src/main/ingest');
    const r = await ingest([input]);
    return Promise.all(r.files.map(async (f) => [f.vmPath, f.kind, await f.content.text()]));
  };
  const saved = async (name: string, bytes: Buffer | string) => {
    const dir = await mkdtemp(join(tmpdir(), 'vmbd-wrapped-'));
    dirs.push(dir);
    await writeFile(join(dir, name), bytes);
    return join(dir, name);
  };
  const plain = async () => {
    const agent = await lines('waagent-812-extension-log-dir-deleted', 'waagent.log');
    const ext = await lines('ext-1868-freeze-never-thawed', 'extension.log');
    const text = [...ext.map((l) => `${EXT_LOG}:${l}`), ...agent.map((l) => `${WAAGENT}:${l}`)].join('\n') + '\n';
    const want = [
      [EXT_LOG.slice(1), 'vmsnapshot-extension-log', `${ext.join('\n')}\n`],
      [WAAGENT.slice(1), 'waagent-log', `${agent.join('\n')}\n`],
    ];
    return { text, want };
  };

  it('gzipped (grep.txt.gz) is read inflated as the files it names', async () => {
    const { gzipSync } = await import('node:zlib');
    const { text, want } = await plain();
    expect(await read(await saved('grep.txt.gz', gzipSync(text)))).toEqual(want);
  });

  it('indented, quoted "> " or coloured by grep --color=always, saved to a file, is read undressed', async () => {
    const { text, want } = await plain();
    const colour = text.replace(/^(.*?):/gm, '\x1b[35m\x1b[K$1\x1b[m\x1b[K\x1b[36m\x1b[K:\x1b[m\x1b[K');
    for (const [name, dressed] of [
      ['indented.txt', text.replace(/^(?=.)/gm, '    ')],
      ['quoted.txt', text.replace(/^/gm, '> ')],
      ['colour.txt', colour],
    ]) {
      const p = await saved(name, dressed);
      expect(await read(p), name).toEqual(want);
      const { ingest } = await import('../../src/main/ingest');
      // the file's origin names the searched path, not the dress around it
      expect((await ingest([p])).files.map((f) => f.origin), name).toEqual([`${p}, ${EXT_LOG}`, `${p}, ${WAAGENT}`]);
    }
  });

  it('after a block of NUL bytes a crash left at its start', async () => {
    const { text, want } = await plain();
    expect(await read(await saved('grep.txt', Buffer.concat([Buffer.alloc(4096), Buffer.from(text)])))).toEqual(want);
  });

  it("pasted with the shell's prompt and command, grep's own notes and the prompt after it", async () => {
    const { text, want } = await plain();
    const session = `azureuser@vm1:~$ sudo grep -r '' /var/log 2>&1\ngrep: /var/log/btmp: Permission denied\nBinary file /var/log/journal/0f1e/system.journal matches\n${text}azureuser@vm1:~$\n`;
    expect(await read({ pasted: session })).toEqual(want);
    expect(await read({ pasted: `[root@vm1 ~]# grep -r '' /var/log\n${text}[root@vm1 ~]# ` })).toEqual(want);
  });

  it('a bare `$` prompt is the session\'s only before or after the output: inside it, a line starting with `$` is a record\'s', async () => {
    const agent = await lines('neg-repo-ctest-ubuntu1804-agent-2-2-39-networkwatcher', 'waagent.log');
    const hits = agent.map((l) => `${WAAGENT}:${l}`);
    // the bare prompt and its command as test/cases/neg-waagent-787-healthy-service-status's terminal-output.txt has it
    const PROMPT = '$ waagent -version';
    expect(await read({ pasted: `${PROMPT}\n${hits.join('\n')}\n$\n` })).toEqual([[WAAGENT.slice(1), 'waagent-log', `${agent.join('\n')}\n`]]);
    // the same line inside the output: the next line of the record above it (a paste's unprefixed line), kept
    const inside = [...hits.slice(0, 50), PROMPT, ...hits.slice(50)].join('\n');
    expect(await read({ pasted: inside })).toEqual([[WAAGENT.slice(1), 'waagent-log', `${[...agent.slice(0, 50), PROMPT, ...agent.slice(50)].join('\n')}\n`]]);
  });

  it("from an unpacked sosreport's folder: relative paths, of files without an extension too", async () => {
    const messages = await lines('ext-120-vmsnapshot-handle-py-nameerror-abrt', 'messages');
    const agent = await lines('waagent-812-extension-log-dir-deleted', 'waagent.log');
    const text = [...messages.map((l) => `./var/log/messages:${l}`), ...agent.map((l) => `var/log/waagent.log:${l}`)].join('\n');
    expect(isSearchOutput(text)).toBe(true);
    expect((await read({ pasted: text })).map(([p, k]) => [p, k])).toEqual([
      ['var/log/messages', 'syslog'],
      ['var/log/waagent.log', 'waagent-log'],
    ]);
  });

  it('one line naming a known file by its path, the whole text, is that file', async () => {
    const [line] = await lines('waagent-812-extension-log-dir-deleted', 'waagent.log');
    expect(await read({ pasted: `${WAAGENT}:${line}` })).toEqual([[WAAGENT.slice(1), 'waagent-log', `${line}\n`]]);
    // among other text it is a quote, as before
    expect(searchFiles([`${WAAGENT}:${line}`, 'plain text'], 0, 'pasted text')).toBeUndefined();
  });

  it('one line naming a file this app does not read is no search, and says it is not recognised', async () => {
    const [line] = await lines('waagent-812-extension-log-dir-deleted', 'waagent.log');
    for (const text of [`notes.txt:12:${line}`, `C:\\Users\\me\\Desktop\\ticket.txt:3:${line}`]) {
      expect(isSearchOutput(text), text).toBe(false);
      expect(searchFiles([text], 0, 'pasted text'), text).toBeUndefined();
      const [file] = pastedFiles(text, 0);
      expect([file.vmPath, file.kind], text).toEqual(['pasted-text.txt', 'other']);
      expect(file.warnings.map((w) => w.message), text).toEqual(['pasted text: no line of it is in a format this app reads']);
    }
    // a numbered line of a file it reads, by its name alone, still is that file
    expect((await read({ pasted: `waagent.log:12:${line}` })).map(([p, k]) => [p, k])).toEqual([['var/log/waagent.log', 'waagent-log']]);
  });
});

describe('a tail -f output in the terminal session it came in', () => {
  it("is read without the prompt and command before it, and the ^C and prompt after it", async () => {
    const agent = await lines('waagent-812-extension-log-dir-deleted', 'waagent.log');
    const ext = await lines('ext-1868-freeze-never-thawed', 'extension.log');
    const session = `azureuser@vm1:~$ sudo tail -f ${WAAGENT} ${EXT_LOG}\n==> ${WAAGENT} <==\n${agent.join('\n')}\n\n==> ${EXT_LOG} <==\n${ext.join('\n')}\n^C\nazureuser@vm1:~$ \n`;
    const files = pastedFiles(session, 0);
    expect(await Promise.all(files.map(async (f) => [f.vmPath, await f.content.text()]))).toEqual([
      [WAAGENT.slice(1), `${agent.join('\n')}\n`],
      [EXT_LOG.slice(1), `${ext.join('\n')}\n`],
    ]);
  });
});
