// A bundle that holds more than one VM's logs (src/main/pipeline/vms.ts): told apart by what the files name, by the
// platform, or by two logs of one kind over the same hours with different records; not by the same log given twice,
// a grown or cut copy, the next day's collection or a rotated set. Every line is a real case's (test/cases), moved
// into the layouts people hand in.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { reasoningRoots, rootName } from '../../src/main/ingest/roots';
import { formatText } from '../../src/main/cli/text';
import { formatMarkdownSummary } from '../../src/main/cli/markdown';
import { anotherVmBeside, journalForm, recordsOf, rotatedOverlap, type Files } from '../accuracy/perturb';
import { CASES_DIR } from '../accuracy/score';
import { writeBundle } from '../helpers/bundle';

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-vms-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const caseFile = (id: string, name: string) => readFileSync(join(CASES_DIR, id, 'files', name), 'utf8');
/**
 * neg-learn-linux-agent-service-running (learn.microsoft.com): `service walinuxagent status`, whose journal lines relay
 * the agent's records (`Oct 08 17:10:37 nam-u18 python3[1036]: 2020-10-08T17:10:37.349090Z INFO ExtHandler …`).
 */
const STATUS_LEARN = caseFile('neg-learn-linux-agent-service-running', 'terminal-output.txt');
/** The same VM's waagent.log over those seconds: the records the journal relayed, as the agent wrote them. */
const LOG_LEARN = `${STATUS_LEARN.split('\n').filter((l) => / python3\[1036\]: \d{4}-/.test(l)).map((l) => l.replace(/^.*? python3\[1036\]: /, '')).join('\n')}\n`;
/** waagent-797 (Azure/WALinuxAgent#797): a 2.2.x waagent.log whose WireServer calls fail with 503 for hours. */
const LOG_797 = caseFile('waagent-797-wireserver-503-blocked', 'waagent.log');
/** waagent-797's records as the journal relays them (var/log/syslog of the same VM). */
const JOURNAL_797 = journalForm(Buffer.from(LOG_797, 'latin1')).toString('latin1');

let n = 0;
const folder = (files: Files): string => writeBundle(join(tmp, `b${n++}`), files);

const analyse = async (...inputs: string[]): Promise<AnalysisResult> => (await analyzeBundle(inputs)).result;
const aboveLow = (r: AnalysisResult) => r.findings.filter((f) => f.confidence !== 'low').map((f) => `${f.cause} ${f.verdict} ${f.confidence}`);
/** The records of a log, from `from` to `to` (fractions of its records), as text. */
function part(text: string, from: number, to: number): string {
  const r = recordsOf(text.replace(/\n+$/, ''));
  const recs = r.recs.slice(Math.floor(from * r.recs.length), Math.ceil(to * r.recs.length));
  return `${recs.flatMap((x) => x.lines).join('\n')}\n`;
}

describe('a file\'s root: the input and the folders above its VM path', () => {
  it('names folders and archive members without the engineer\'s own folders', () => {
    expect(rootName('/home/eng/case-1', { origin: '/home/eng/case-1/other-vm/var/log/waagent.log', vmPath: 'var/log/waagent.log' })).toBe('case-1/other-vm');
    expect(rootName('/home/eng/case-1', { origin: '/home/eng/case-1/waagent.log', vmPath: 'var/log/waagent.log' })).toBe('case-1');
    expect(rootName('/home/eng/logs.zip', { origin: '/home/eng/logs.zip!var/log/waagent.log', vmPath: 'var/log/waagent.log' })).toBe('logs.zip');
    expect(rootName('/home/eng/vm.zip', { origin: '/home/eng/vm.zip!C/WindowsAzure/Logs/WaAppAgent.log', vmPath: 'WindowsAzure/Logs/WaAppAgent.log' })).toBe('vm.zip!C');
    expect(rootName('C:\\cases\\1', { origin: 'C:\\cases\\1\\vm-b\\var\\log\\waagent.log', vmPath: 'var/log/waagent.log' })).toBe('1/vm-b');
  });

  it('loose files handed in together are one VM\'s to the reasoning, unless two are at one VM path', () => {
    const inputs = [{ kind: 'single-file' }, { kind: 'single-file' }, { kind: 'folder' }];
    const files = [
      { input: 0, vmPath: 'var/log/waagent.log' },
      { input: 1, vmPath: 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log' },
      { input: 2, vmPath: 'var/log/waagent.log' },
    ];
    const roots = ['waagent.log', 'extension.log', 'other-vm'];
    expect(reasoningRoots(inputs, files, roots)).toEqual(['waagent.log', 'waagent.log', 'other-vm']);
    // a waagent.log from each of two folders, both loose: two logs, two roots
    const twice = [files[0], { input: 1, vmPath: 'var/log/waagent.log' }];
    expect(reasoningRoots(inputs, twice, ['waagent.log', 'waagent.log (2)'])).toEqual(['waagent.log', 'waagent.log (2)']);
  });
});

describe('two VMs in one bundle', () => {
  it('a healthy VM\'s waagent.log beside the case\'s own over the same hours: said, every finding low', async () => {
    const files = anotherVmBeside([['waagent.log', LOG_797]])!;
    const at = folder(files);
    const plain = await analyse(folder([['waagent.log', LOG_797]]));
    expect(aboveLow(plain)).not.toEqual([]);
    const r = await analyse(at);
    const base = at.slice(at.lastIndexOf('/') + 1);
    expect(r.multipleVms).toMatchObject({ basis: 'overlap', log: 'var/log/waagent.log', vms: [{ root: base }, { root: `${base}/other-vm` }] });
    expect(r.multipleVms!.message).toContain(`/var/log/waagent.log is in ${base} and ${base}/other-vm, with different records over the same hours`);
    expect(r.multipleVms!.message).toContain("Collect the failed VM's logs alone (or drop only its folder)");
    expect(r.multipleVms!.messageNl).toContain('Verzamel de logs van alleen de mislukte VM');
    expect(aboveLow(r)).toEqual([]);
    expect(r.verdict.confidence ?? 'low').toBe('low');
    // the order is still the evidence's: the case's own cause stays first
    expect(r.verdict.cause).toBe(plain.verdict.cause);
    // the CLI's text and Markdown say it before the verdict, in the language asked for
    const text = formatText(r, 'nl');
    expect(text.indexOf('Meer dan één VM in deze bundel: Deze bundel bevat de logs van meer dan één VM')).toBeGreaterThan(0);
    expect(text.indexOf('Meer dan één VM')).toBeLessThan(text.indexOf('Oordeel:'));
    expect(formatMarkdownSummary(r, 'en')).toContain(`> **More than one VM in this bundle:** This bundle holds the logs of more than one VM`);
    expect(formatText(plain, 'en')).not.toContain('More than one VM');
  });

  it('two collector zips of two VMs, each with its own waagent.log over the same hours', async () => {
    const [, [, other]] = anotherVmBeside([['waagent.log', LOG_797]])!;
    const a = join(tmp, 'vm-a.zip');
    const b = join(tmp, 'vm-b.zip');
    writeFileSync(a, zipSync({ 'var/log/waagent.log': strToU8(LOG_797) }));
    writeFileSync(b, zipSync({ 'var/log/waagent.log': strToU8(other) }));
    const r = await analyse(a, b);
    expect(r.multipleVms).toMatchObject({ basis: 'overlap', vms: [{ root: 'vm-a.zip' }, { root: 'vm-b.zip' }] });
    expect(aboveLow(r)).toEqual([]);
  });

  it('two sosreports whose /etc/hostname differ', async () => {
    const r = await analyse(folder([
      ['sosreport-web01-2024-01-15-abcdef/etc/hostname', 'web01\n'],
      ['sosreport-web01-2024-01-15-abcdef/var/log/waagent.log', LOG_797],
      ['sosreport-db02-2024-01-15-ghijkl/etc/hostname', 'db02\n'],
    ]));
    expect(r.multipleVms).toMatchObject({ basis: 'identity', vms: [{ machine: 'db02' }, { machine: 'web01' }] });
    expect(r.multipleVms!.vms[1].root).toMatch(/\/sosreport-web01-2024-01-15-abcdef$/);
    expect(r.multipleVms!.message).toContain('the files name db02 (in ');
    expect(aboveLow(r)).toEqual([]);
  });

  it('a journal excerpt that relays the agent\'s records beside another VM\'s waagent.log over those hours', async () => {
    const at = folder(anotherVmBeside([['terminal-output.txt', STATUS_LEARN]])!);
    const r = await analyse(at);
    const base = at.slice(at.lastIndexOf('/') + 1);
    expect(r.multipleVms).toMatchObject({ basis: 'relay', log: 'var/log/waagent.log', vms: [{ root: base }, { root: `${base}/other-vm` }] });
    expect(r.multipleVms!.message).toContain(`the agent's records that /${r.multipleVms!.relay} in ${base} relays are missing from /var/log/waagent.log in ${base}/other-vm over the same hours`);
    expect(r.multipleVms!.messageNl).toContain(`ontbreken in /var/log/waagent.log in ${base}/other-vm over dezelfde uren`);
    expect(aboveLow(r)).toEqual([]);
  });

  it('a Linux agent\'s log beside a Windows agent installer\'s logs (win-learn-agent-install-wmi)', async () => {
    const id = 'win-learn-agent-install-wmi';
    const files: Files = ['VmAgentInstaller.xml', 'msiexec.log'].map((f) => [f, caseFile(id, f)]);
    const r = await analyse(folder(anotherVmBeside(files)!));
    expect(r.multipleVms).toMatchObject({ basis: 'platform' });
    expect(r.multipleVms!.vms.map((v) => v.platform)).toEqual(['windows', 'linux']);
    expect(aboveLow(r)).toEqual([]);
  });
});

describe('one VM, however its logs are handed in: not said', () => {
  it('the same waagent.log in two folders', async () => {
    const r = await analyse(folder([['a/var/log/waagent.log', LOG_797], ['b/var/log/waagent.log', LOG_797]]));
    expect(r.multipleVms).toBeUndefined();
  });

  it('a copy cut mid-write beside one that starts mid-line (both kept, the same records where they meet)', async () => {
    const all = LOG_797.replace(/\n+$/, '');
    const head = all.slice(0, Math.floor(all.length * 0.7));
    const tail = all.slice(Math.floor(all.length * 0.3));
    const r = await analyse(folder([['ticket/waagent.log', head], ['sosreport-vm1-2024-01-15-abcdef/var/log/waagent.log', tail]]));
    expect(r.files.filter((f) => f.kind === 'waagent-log')).toHaveLength(2);
    expect(r.multipleVms).toBeUndefined();
  });

  it('yesterday\'s collection and today\'s, the log rotated in between (two zips)', async () => {
    const a = join(tmp, 'monday.zip');
    const b = join(tmp, 'tuesday.zip');
    writeFileSync(a, zipSync({ 'var/log/waagent.log': strToU8(part(LOG_797, 0, 0.7)) }));
    writeFileSync(b, zipSync({ 'var/log/waagent.log': strToU8(part(LOG_797, 0.4, 1)), 'var/log/waagent.log.1': strToU8(part(LOG_797, 0, 0.4)) }));
    const r = await analyse(a, b);
    expect(r.multipleVms).toBeUndefined();
  });

  it('a rotated set in one folder (.1 holding two thirds, the log the last two thirds)', async () => {
    const r = await analyse(folder(rotatedOverlap([['waagent.log', LOG_797]])!));
    expect(r.multipleVms).toBeUndefined();
  });

  it('a journal excerpt that relays the agent and its waagent.log, in folders of their own', async () => {
    for (const layout of [
      [['ticket/terminal-output.txt', STATUS_LEARN], ['ticket/collect-logs/var/log/waagent.log', LOG_LEARN]],
      [['journal/terminal-output.txt', STATUS_LEARN], ['agent/waagent.log', LOG_LEARN]],
    ] satisfies Files[]) {
      const r = await analyse(folder(layout));
      expect(r.files.map((f) => f.kind).sort()).toEqual(['syslog', 'waagent-log']);
      expect(r.multipleVms).toBeUndefined();
    }
  });

  it('a journal relaying more of the agent\'s records than are compared: its own log beside is one VM, another VM\'s is not', async () => {
    // the journal's relayed records, again and again a minute later (7,000 of them: the parse hands a spread sample on)
    const relayed = STATUS_LEARN.split('\n').filter((l) => / python3\[1036\]: \d{4}-/.test(l));
    const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const moved = (line: string, ms: number) => {
      const iso = /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.\d+Z/.exec(line)!;
      const d = new Date(Date.parse(`${iso[1]}Z`) + ms);
      const stamp = d.toISOString().slice(0, 19);
      return `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')} ${stamp.slice(11)}${line.slice(15).replace(iso[1], stamp)}`;
    };
    const rounds = Math.ceil(7000 / relayed.length);
    const more = Array.from({ length: rounds }, (_, r) => relayed.map((l) => moved(l, (r + 1) * 60_000))).flat();
    // (the session as it was, its status lines first, then the journal going on)
    const journal = `${STATUS_LEARN.trimEnd()}\n${more.join('\n')}\n`;
    const log = [...relayed, ...more].map((l) => l.replace(/^.*? python3\[1036\]: /, ''));
    const own = await analyse(folder([['journal/terminal-output.txt', journal], ['agent/waagent.log', `${log.join('\n')}\n`]]));
    expect(own.multipleVms).toBeUndefined();
    const other = await analyse(folder(anotherVmBeside([['terminal-output.txt', journal]])!));
    expect(other.multipleVms).toMatchObject({ basis: 'relay' });
  });

  it('one host name in two sosreports of the same VM', async () => {
    const r = await analyse(folder([
      ['sosreport-web01-2024-01-15-abcdef/etc/hostname', 'web01\n'],
      ['sosreport-web01-2024-01-16-ghijkl/etc/hostname', 'web01\n'],
      ['sosreport-web01-2024-01-16-ghijkl/var/log/waagent.log', LOG_797],
    ]));
    expect(r.multipleVms).toBeUndefined();
  });
});

describe("a VM's own relayed records are set against its own root's waagent.log, not another VM's", () => {
  const detected = (r: AnalysisResult) => r.findings.filter((f) => f.verdict === 'detected').map((f) => f.cause);
  const cited = (r: AnalysisResult, path: string) => r.findings.some((f) => f.evidence.some((e) => e.file === path));

  it("waagent-797 as its syslog relays it, another VM's waagent.log beside: told apart, and its own evidence read", async () => {
    const plain = await analyse(folder([['var/log/syslog', JOURNAL_797]]));
    expect(plain.verdict.cause).toBeDefined();
    const [, [at, other]] = anotherVmBeside([['waagent.log', LOG_797]])!;
    const r = await analyse(folder([['var/log/syslog', JOURNAL_797], [at, other]]));
    expect(r.multipleVms).toMatchObject({ basis: 'relay' });
    expect(r.files.find((f) => f.vmPath === 'var/log/syslog')?.relaysAgentLog).toBe(true);
    expect(r.verdict.cause).toBe(plain.verdict.cause);
    expect(detected(r)).toEqual(expect.arrayContaining(detected(plain)));
    expect(cited(r, 'var/log/syslog')).toBe(true);
    expect(aboveLow(r)).toEqual([]);
  });

  it("neg-learn-linux-agent-service-running's journal lines, another VM's waagent.log beside: its records are still read", async () => {
    const plain = await analyse(folder([['terminal-output.txt', STATUS_LEARN]]));
    const relaying = (r: AnalysisResult) => r.files.filter((f) => f.relaysAgentLog).map((f) => f.vmPath);
    expect(relaying(plain)).toHaveLength(1);
    const r = await analyse(folder(anotherVmBeside([['terminal-output.txt', STATUS_LEARN]])!));
    expect(r.multipleVms).toMatchObject({ basis: 'relay' });
    // (set only where a relayed fact is kept)
    expect(relaying(r)).toEqual(relaying(plain));
    expect(detected(r)).toEqual(expect.arrayContaining(detected(plain)));
    expect(aboveLow(r)).toEqual([]);
  });

  it('one VM\'s syslog and waagent.log under two roots (folders of their own): each record counted once', async () => {
    const own = await analyse(folder([['waagent.log', LOG_797]]));
    const both = await analyse(folder([['journal/syslog', JOURNAL_797], ['agent/waagent.log', LOG_797]]));
    expect(both.multipleVms).toBeUndefined();
    // (set against the journal's root alone, 797's five 503 answers were counted ten times)
    const seen = (r: AnalysisResult) => r.findings.map((f) => `${f.cause} ${f.verdict} ${f.confidence}: ${f.reason}`);
    expect(seen(both)).toEqual(seen(own));
    expect(seen(both).join('\n')).toContain('5 HTTP 503 answers from 168.63.129.16');
  });
});

describe('rotation chains a log within one VM root', () => {
  it("another VM's other-vm/var/log/waagent.log is its own current log, not an older rotation of the case's", async () => {
    const [, [at, other]] = anotherVmBeside([['waagent.log', LOG_797]])!;
    const r = await analyse(folder([['waagent.log', LOG_797], [at, part(other, 0.5, 1)], [`${at}.1`, part(other, 0, 0.5)]]));
    const base = r.inputs[0].path.slice(r.inputs[0].path.lastIndexOf('/') + 1);
    const chained = r.files.filter((f) => f.kind === 'waagent-log').map((f) => `${f.origin.slice(f.origin.indexOf(base) + base.length)} ${f.rotation?.index}`);
    expect(chained.sort()).toEqual(['/other-vm/var/log/waagent.log 0', '/other-vm/var/log/waagent.log.1 1', '/waagent.log 0']);
    expect(r.multipleVms).toMatchObject({ basis: 'overlap' });
  });
});
