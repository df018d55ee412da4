import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanPaste, pastedFiles } from '../../src/main/ingest/paste';
import { guessVmPath } from '../../src/main/ingest/loose';
import { recognise } from '../../src/shared/formats';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { formatText } from '../../src/main/cli/text';
import { buildReportModel, renderHtml, renderMarkdown } from '../../src/main/report';
import { evidencePlace, pastedPaths } from '../../src/shared/evidence-place';

// Real lines: test/cases/ext-1868-freeze-never-thawed (azure-linux-extensions #1868), waagent-525-fifreeze-new-volume and
// test/cases/waagent-812-extension-log-dir-deleted (WALinuxAgent #812); each case.json names its source.
const CASES = join(__dirname, '..', 'cases');
const EXT = '2024-01-14 22:16:48.796446 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]T:S freeze, timeout value 60';
const AGENT = '2017/07/17 10:18:56.439962 ERROR Event: name=WALinuxAgent, op=Restart, message=WALinuxAgent-2.2.10 did not terminate cleanly';

async function text(f: { content: { text(): Promise<string> } }): Promise<string> {
  return f.content.text();
}

describe('pasted text', () => {
  it('e-mail quoting is removed, nested quoting too, without moving a line', () => {
    expect(cleanPaste(`> ${EXT}\n>> ${AGENT}\n>`)).toEqual([EXT, AGENT, '']);
    // a paste that is mostly not quoted keeps its `>` (a shell prompt, an XML tag)
    expect(cleanPaste(`${EXT}\n${AGENT}\n> not a quote`)).toEqual([EXT, AGENT, '> not a quote']);
  });

  it('a line wrapped by a mail client is joined back to its record, its own line left empty', () => {
    const short = '2017/07/17 10:18:56.439857 INFO WALinuxAgent-2.2.10 did not terminate cleanly';
    // a client breaks at the last space before its width and drops that space
    const cut = AGENT.lastIndexOf(' ', 72);
    const wrapped = `${AGENT.slice(0, cut)}\n${AGENT.slice(cut + 1)}\n${short}`;
    expect(cleanPaste(wrapped)).toEqual([AGENT, '', short]);
    // not wrapped (a line is longer than any wrap width): a line without a time stamp stays its own line
    expect(cleanPaste(`${AGENT}\nhas no time stamp`)).toEqual([AGENT, 'has no time stamp']);
  });

  it('a joined wrap is said: the file names the lines the wrap cut, in English and Dutch', async () => {
    const short = '2017/07/17 10:18:56.439857 INFO WALinuxAgent-2.2.10 did not terminate cleanly';
    const cut = AGENT.lastIndexOf(' ', 72);
    const wrapped = `${short}\n${AGENT.slice(0, cut)}\n${AGENT.slice(cut + 1)}\n${short}`;
    const [file] = pastedFiles(wrapped, 0);
    expect(file.warnings.map((w) => w.message)).toEqual(['pasted text, lines 2–3: one line a mail client or terminal had wrapped, read (and shown) as one at line 2']);
    expect(file.warnings[0].note).toMatchObject({ key: 'ingest.paste-joined' });
    // nothing joined: nothing said
    expect(pastedFiles(`${short}\n${AGENT}`, 0)[0].warnings).toEqual([]);
  });

  it("a wrap joined in a pasted `tail` or search output is said on the file it went to, at that file's own line", async () => {
    const short = '2017/07/17 10:18:56.439857 INFO WALinuxAgent-2.2.10 did not terminate cleanly';
    const cut = AGENT.lastIndexOf(' ', 72);
    // `tail -n 3 waagent.log.1 waagent.log` as an e-mail client wrapped it (every line at most 80 wide)
    const tail = ['==> /var/log/waagent.log.1 <==', short, '', '==> /var/log/waagent.log <==', short, AGENT.slice(0, cut), AGENT.slice(cut + 1), short].join('\n');
    const files = pastedFiles(tail, 0);
    const log = files.find((f) => f.vmPath === 'var/log/waagent.log')!;
    expect((await text(log)).split('\n')[1]).toBe(AGENT);
    expect(log.warnings.map((w) => w.message)).toEqual(['pasted text, lines 6–7: one line a mail client or terminal had wrapped, read (and shown) as one at line 2']);
    expect(files.find((f) => f.vmPath === 'var/log/waagent.log.1')!.warnings).toEqual([]);
  });

  it("a process tree's next branch is its own line, not the wrapped tail of the one above: the evidence shows the line as pasted", async () => {
    // Azure/WALinuxAgent#963 (khenidak, 2017), pstree as posted: every line is short, the ExtHandler's 66 characters once
    // the shared indentation is gone, and the next branch starts with pstree's bar
    const pstree = "  |-python3 -u /usr/sbin/waagent -daemon\n  |   `-python3 -u bin/WALinuxAgent-2.2.18-py2.7.egg -run-exthandlers\n  |       `-2*[{python3}]";
    const exthandler = '|   `-python3 -u bin/WALinuxAgent-2.2.18-py2.7.egg -run-exthandlers';
    expect(cleanPaste(pstree)).toEqual(['|-python3 -u /usr/sbin/waagent -daemon', exthandler, '|       `-2*[{python3}]']);
    const { result } = await analyzeBundle([{ pasted: pstree }]);
    expect(result.findings.find((f) => f.cause === 'agent-outdated')?.evidence).toMatchObject([{ line: 2, text: exthandler }]);
    // the same lines with the glyphs pstree draws on a UTF-8 terminal (a perturbation of #963's) are not joined either
    const unicode = pstree.replace(/\|-/g, '├─').replace(/`-/g, '└─').replace(/\|(?= )/g, '│');
    expect(cleanPaste(unicode).filter((l) => l !== '')).toHaveLength(3);
  });

  it('mixed formats become one file per format, each line at its line number in the paste', async () => {
    const files = pastedFiles(`Hello,\n\n${AGENT}\n${EXT}\nhas no time stamp\n-01-14 22:16:48.798717 cut at its start`, 0);
    expect(files.map((f) => [f.vmPath, f.kind])).toEqual([
      ['var/log/waagent.log', 'waagent-log'],
      ['var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', 'vmsnapshot-extension-log'],
    ]);
    const [agent, ext] = await Promise.all(files.map(text));
    expect(agent.split('\n')[2]).toBe(AGENT);
    expect(ext.split('\n')[3]).toBe(EXT);
    // lines without a time stamp or cut at their start stay with the record above them
    expect(ext.split('\n').slice(4)).toEqual(['has no time stamp', '-01-14 22:16:48.798717 cut at its start']);
    expect(files.map((f) => f.origin)).toEqual(['pasted text, 2 lines from line 1', 'pasted text, 3 lines from line 4']);
  });

  it('a document is placed by its content', () => {
    const [f] = pastedFiles('<?xml version="1.0" encoding="utf-8"?>\n<GoalState xmlns:i="x"><Version>2015-04-05</Version></GoalState>', 0);
    expect(f).toMatchObject({ vmPath: 'var/lib/waagent/GoalState.xml', kind: 'goal-state-xml' });
  });

  it('JSON documents pasted one after another are read each by its content, at their lines; else as one paste', async () => {
    // WALinuxAgent #713 (test/cases/waagent-713-linuxasm-enable-os-not-supported): the HandlerStatus, then the status file
    const dir = join(CASES, 'waagent-713-linuxasm-enable-os-not-supported', 'files');
    const handler = (await readFile(join(dir, 'HandlerStatus'), 'utf8')).trim();
    const status = (await readFile(join(dir, '0.status'), 'utf8')).trim();
    const files = pastedFiles(`${handler}\n\n${status}`, 0);
    expect(files.map((f) => f.kind)).toEqual(['handler-status', 'extension-status']);
    expect(JSON.parse(await text(files[1]))[0].status.status).toBe('error');
    // the status file's first line is line 3 of the paste, in its own file too
    expect((await text(files[1])).split('\n')[2]).toBe('[');
    // two documents on one line, or a second one no format names, are one paste as before
    expect(pastedFiles(`${handler}${status}`, 0)).toHaveLength(1);
    expect(pastedFiles(`${handler}\n{"a": 1}`, 0)).toHaveLength(1);
    // a brace inside a string does not end a document
    expect(pastedFiles(`${handler.replace('enable"', 'enable }"')}\n${status}`, 0).map((f) => f.kind)).toEqual(['handler-status', 'extension-status']);
  });

  it('evidence of a pasted excerpt points at its line in the paste', async () => {
    const log = await readFile(join(CASES, 'waagent-525-fifreeze-new-volume', 'files', 'extension.log'), 'utf8');
    const preamble = 'From: customer\nSubject: backup failed\n\n';
    const { result } = await analyzeBundle([{ pasted: preamble + log.split('\n').map((l) => `> ${l}`).join('\n') }]);
    const files = await analyzeBundle([join(CASES, 'waagent-525-fifreeze-new-volume', 'files')]);
    expect(result.verdict.cause).toBe(files.result.verdict.cause);
    expect(result.inputs[0]).toMatchObject({ path: 'pasted text', kind: 'pasted-text' });
    const lines = result.findings.flatMap((f) => f.evidence).filter((ev) => ev.file.endsWith('extension.log'));
    expect(lines.length).toBeGreaterThan(0);
    // the paste has three lines before the log: line N of the log is line N + 3 of the paste
    for (const ev of lines) expect(log.split('\n')[ev.line - 4]).toContain(ev.text.slice(0, 20));
  });

  it('a localised Event Viewer export quoted in an e-mail is read as an event export, by its own labels', async () => {
    // test/cases/win-neg-jpaztech-rdagent-7031-agent-update: Japanese labels (ログの名前, イベント ID), `> ` quoting
    const jp = await readFile(join(CASES, 'win-neg-jpaztech-rdagent-7031-agent-update', 'files', 'System-events.txt'), 'utf8');
    const [f] = pastedFiles(`Hello,\nthe customer sent this:\n\n${jp}`, 0);
    expect(f).toMatchObject({ vmPath: 'EventLogs/System.txt', kind: 'windows-event-export' });
    // and the same text saved under a name that says nothing: its content decides
    expect(guessVmPath('attachment-1.txt', Buffer.from(jp))).toMatchObject({ kind: 'windows-event-export' });
  });

  it("the Windows agent's records cut to level and message are read as the agent log; a bare [ERROR] line is not", async () => {
    // test/cases/win-learn-wcf-profiling-transparentinstaller and win-learn-wireserver-hostgaplugin-blocked (Microsoft Learn)
    for (const c of ['win-learn-wcf-profiling-transparentinstaller/files/TransparentInstaller.log', 'win-learn-wireserver-hostgaplugin-blocked/files/WaAppAgent.log']) {
      const files = pastedFiles(await readFile(join(CASES, c), 'utf8'), 0);
      expect(files.map((f) => f.kind), c).toEqual(['windows-agent-log']);
    }
    expect(recognise('[ERROR] disk full\n[INFO] retrying\n')).toBeUndefined();
  });

  it('pasted evidence is shown as "pasted text, line N" in the CLI text and both reports, in English and Dutch', async () => {
    const dir = join(CASES, 'waagent-525-fifreeze-new-volume', 'files');
    const log = await readFile(join(dir, 'extension.log'), 'utf8');
    const preamble = 'From: customer\nSubject: backup failed\n\n';
    const { result } = await analyzeBundle([{ pasted: preamble + log }]);
    const ev = result.findings.find((f) => f.verdict === 'detected' && f.evidence.some((e) => e.line > 0))!.evidence.find((e) => e.line > 0)!;
    // line N of the paste is line N - 3 of the log
    expect(log.split('\n')[ev.line - 4]).toContain(ev.text.slice(0, 20));
    const text = formatText(result);
    expect(text).toContain(`pasted text, line ${ev.line} `);
    expect(text).not.toContain(`${ev.file}:`);
    for (const [lang, words] of [
      ['en', `pasted text, line ${ev.line}`],
      ['nl', `geplakte tekst, regel ${ev.line}`],
    ] as const) {
      const m = buildReportModel(result, { lang, redact: true });
      const md = renderMarkdown(m);
      const html = renderHtml(m);
      expect(md, lang).toContain(words);
      expect(html, lang).toContain(words);
      expect(md, lang).not.toContain(`${ev.file}:${ev.line}`);
      expect(html, lang).not.toContain(`${ev.file}:${ev.line}`);
    }
    // the same file opened from disk keeps its path
    const files = (await analyzeBundle([dir])).result;
    expect(formatText(files)).toMatch(/extension\.log:\d+ /);
    expect(formatText(files)).not.toContain('pasted text');
  });

  it('a VM path that a real file also has stays a path (the paste is not the only source of its lines)', () => {
    const files = [
      { vmPath: 'var/log/waagent.log', input: 0 },
      { vmPath: 'var/log/waagent.log', input: 1 },
      { vmPath: 'var/log/azure/x/extension.log', input: 1 },
    ];
    const inputs = [{ kind: 'zip' as const }, { kind: 'pasted-text' as const }];
    expect([...pastedPaths(files, inputs)]).toEqual(['var/log/azure/x/extension.log']);
    const words = { pastedLine: (n: number) => `pasted text, line ${n}`, pasted: 'pasted text' };
    const pasted = pastedPaths(files, inputs);
    expect(evidencePlace({ file: 'var/log/waagent.log', line: 3 }, pasted, words)).toBe('var/log/waagent.log:3');
    expect(evidencePlace({ file: 'var/log/azure/x/extension.log', line: 7 }, pasted, words)).toBe('pasted text, line 7');
    expect(evidencePlace({ file: 'var/log/azure/x/extension.log', line: 0 }, pasted, words)).toBe('pasted text');
  });
});

describe('a paste that went through Outlook or Word (smart quotes)', () => {
  // test/cases/waagent-763-openssl-path-none (WALinuxAgent #763): the agent's lines quote a command with ' and "
  const curly = (t: string) =>
    t.replace(/(^|[\s([{<])"/gm, '$1\u201c').replace(/"/g, '\u201d').replace(/(^|[\s([{<])'/gm, '$1\u2018').replace(/'/g, '\u2019');

  it('is read with the straight quotes the logs wrote, line for line, and gives the same answer', async () => {
    const log = await readFile(join(CASES, 'waagent-763-openssl-path-none', 'files', 'waagent.log'), 'utf8');
    expect(curly(log)).not.toContain("'");
    const [file] = pastedFiles(curly(log), 0);
    expect(await text(file)).toBe(log);
    const plain = (await analyzeBundle([{ pasted: log }])).result.findings.map((f) => [f.cause, f.confidence]);
    expect((await analyzeBundle([{ pasted: curly(log) }])).result.findings.map((f) => [f.cause, f.confidence])).toEqual(plain);
  });

  it('with a straight quote anywhere it was not converted: its curly quotes are its own', () => {
    const line = `${AGENT} \u201cquoted\u201d 'plain'`;
    expect(cleanPaste(line)).toEqual([line]);
  });
});
