import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared';
import { takeRelayed } from '../../../src/main/parse/types';
import { parse } from '../state/run-parser';
import { readEvidenceText } from '../waagent/helpers';
import { recognise } from '../../../src/shared/formats';
import { guessVmPath } from '../../../src/main/ingest/loose';
import { classify } from '../../../src/main/ingest/classify';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { pastedFiles } from '../../../src/main/ingest/paste';
import { UBUNTU_2695 } from './relayed-lines';

// The agent's records as syslog and the journal relay them, verbatim from public threads (markdown bold removed
// where the poster added it) and from the real cases in test/cases.

/** Azure/WALinuxAgent#2791 (RHEL 9 journal, agent 2.3.0.2): an Event whose message is a traceback. */
const RHEL9_2791 = [
  'Mar 22 10:02:23 sltestrhel9-2023-0217 python3[948]: 2023-03-22T09:02:23.944179Z ERROR Daemon Daemon Event: name=WALinuxAgent, op=UnhandledError, message=Traceback (most recent call last):',
  'Mar 22 10:02:23 sltestrhel9-2023-0217  python3[948]:   File "/usr/lib/python3.9/site-packages/azurelinuxagent/daemon/main.py", line 83, in run',
  'Mar 22 10:02:23 sltestrhel9-2023-0217  python3[948]:     self.daemon(child_args)',
  'Mar 22 10:02:23 sltestrhel9-2023-0217  python3[948]:   File "/usr/lib/python3.9/site-packages/azurelinuxagent/daemon/main.py", line 145, in daemon',
];

/** Azure/WALinuxAgent#2024: a line pasted without its time and host (agent 2.2.45, VM-local time). */
const STACK_HUB_2024 =
  ' python3[1291]: 2020/09/25 07:23:46.795804 ERROR ExtHandler Event: name=WALinuxAgent, op=HealthObservation, message={"ObservationName": "InstanceMetadataHeartbeat", "IsHealthy": false, "Description": "", "Value": "IMDS error in /metadata/instance: [HttpError] [HTTP Retry] GET http://169.254.169.254/metadata/instance?api-version=2018-02-01 -"}, duration=0';

/** Azure/WALinuxAgent#1973: a syslog line quoted without its header, the agent's tag kept (no pid; agent 2.2.49.2). */
const HEARTBEAT_1973 =
  'python: 2020-08-06T07:11:47.785201Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.2.49.2 is running as the goal state agent [DEBUG HeartbeatCounter: 1298;HeartbeatId: 5940AE0A-F20C-4BE2-8B5A-3C12605F955F;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]';

/**
 * https://github.com/Azure/WALinuxAgent/issues/770 (the agent 2.2.x in a container under supervisord): two excerpts of
 * supervisord's log as posted, each a chunk's last lines, the empty line the format adds, the next chunk's header and
 * its first lines. (The second excerpt's last line is left out: the post cut it.)
 */
const SUPERVISORD_770_A = [
  '2017/06/17 22:20:18.225040 INFO Installed Agent WALinuxAgent-2.2.0 is the most current agent',
  "2017/06/17 22:20:18.226916 WARNING Agent WALinuxAgent-2.2.0 launched with command 'python -u /usr/sbin/waagent -run-exthandlers' failed with exception: unknown encoding: string-escape",
  "2017/06/17 22:20:18.227055 ERROR Event: name=WALinuxAgent, op=Enable, message=Agent WALinuxAgent-2.2.0 launched with command 'python -u /usr/sbin/waagent -run-exthandlers' failed with exception: unknown encoding: string-escape",
  '2017/06/17 22:20:18.227624 INFO Instantiating Agent WALinuxAgent-2.2.13 from disk',
  '2017/06/17 22:20:18.227809 INFO Agent WALinuxAgent-2.2.13 error state: Last Failure: 1497738018.19, Total Failures: 2, Fatal: True',
  '',
  "2017-06-17 22:20:18,229 DEBG 'walinuxagent' stdout output:",
  '2017/06/17 22:20:18.227894 INFO Ensuring Agent WALinuxAgent-2.2.13 is downloaded',
  '2017/06/17 22:20:18.227959 INFO Agent WALinuxAgent-2.2.13 is blacklisted - skipping download',
];
const SUPERVISORD_770_B = [
  '2017/06/17 22:20:18.238465 INFO Instantiating Agent WALinuxAgent-2.2.8 from disk',
  '2017/06/17 22:20:18.238630 INFO Agent WALinuxAgent-2.2.8 error state: Last Failure: 1497738018.21, Total Failures: 1, Fatal: True',
  '2017/06/17 22:20:18.238695 INFO Ensuring Agent WALinuxAgent-2.2.8 is downloaded',
  '',
  "2017-06-17 22:20:18,242 DEBG 'walinuxagent' stdout output:",
  '2017/06/17 22:20:18.238778 INFO Agent WALinuxAgent-2.2.8 is blacklisted - skipping download',
  '2017/06/17 22:20:18.238879 INFO Installed Agent WALinuxAgent-2.2.0 is the most current agent',
];

/** The agent's part of each line (what waagent.log holds at the same line). */
const agentText = (lines: string[]) => lines.map((l) => l.replace(/^.*?(?:python[\d.]*|waagent)(?:\[\d+\])?: /, '')).join('\n');

/** Facts with their evidence text read back, without the parse-time mark (checked separately). */
function readBack(facts: Fact[], text: string): Fact[] {
  return readEvidenceText(facts, Buffer.from(text, 'utf8'));
}

async function relayedFacts(vmPath: string, text: string): Promise<{ facts: Fact[]; marked: number; others: Fact[] }> {
  const p = await parse(vmPath, text);
  const relayed: Fact[] = [];
  const others: Fact[] = [];
  for (const f of p.facts) (takeRelayed(f) ? relayed : others).push(f);
  return { facts: readBack(relayed, text), marked: relayed.length, others };
}

async function logFacts(text: string): Promise<Fact[]> {
  return readBack((await parse('var/log/waagent.log', text)).facts, text);
}

/** The same facts as waagent.log gives for the agent's text, in the relaying file. */
const inFile = (facts: Fact[], file: string) => facts.map((f) => ({ ...f, at: { ...f.at, file } }));

describe("the agent's records behind a syslog/journal prefix are read as waagent.log's", () => {
  for (const [name, lines, vmPath] of [
    ['#2695 Ubuntu syslog', UBUNTU_2695, 'var/log/syslog'],
    ['#2791 RHEL 9 journal', RHEL9_2791, 'sos_commands/logs/journalctl_--no-pager'],
    ['#2024 pasted without time and host', [STACK_HUB_2024], 'var/log/messages'],
    ['#1973 quoted without the whole header, no pid', [HEARTBEAT_1973], 'var/log/messages'],
    ['#2024 without its leading space', [STACK_HUB_2024.trimStart()], 'var/log/messages'],
  ] as const) {
    it(`${name}: the same facts, at the same lines of the relaying file`, async () => {
      const want = await logFacts(agentText([...lines]));
      expect(want.length).toBeGreaterThan(0);
      const got = await relayedFacts(vmPath, lines.join('\n'));
      // (a heartbeat quoted without the syslog header is an excerpt's: it ends no gap)
      const quoted = /^ ?(?:python|waagent)/.test(lines[0]);
      expect(got.facts).toEqual(inFile(want, vmPath).map((f) => (quoted && f.kind === 'agent-heartbeat' ? { ...f, excerpt: true } : f)));
    });
  }

  it('folds the traceback frames into their record (#2791: the event message holds them)', async () => {
    const { facts } = await relayedFacts('var/log/messages', RHEL9_2791.join('\n'));
    const ev = facts.find((f) => f.kind === 'agent-event');
    expect(ev && ev.kind === 'agent-event' && ev.op).toBe('UnhandledError');
    expect(ev && ev.kind === 'agent-event' && ev.message).toContain('azurelinuxagent/daemon/main.py", line 145, in daemon');
    expect(ev?.at.line).toBe(1);
  });

  it('other processes between a record and its frames: their lines are not the agent\'s', async () => {
    // a kernel line (neg-waagent-2825's syslog) and another interpreter's frame (coreos-1755's status, another pid)
    const syslog = readFileSync(join('test', 'cases', 'neg-waagent-2825-logcollector-oom-kill', 'files', 'syslog'), 'utf8').split('\n');
    const kernel = syslog.find((l) => / kernel: /.test(l));
    const status = readFileSync(join('test', 'cases', 'coreos-1755-waagent-conf-missing', 'files', 'systemctl-status-waagent.txt'), 'utf8').split('\n');
    const otherPython = status.find((l) => /python\[43628\]:\s+conf\.load_conf_from_file/.test(l));
    expect(kernel).toBeDefined();
    expect(otherPython).toBeDefined();
    const lines = [RHEL9_2791[0], kernel!, RHEL9_2791[1], otherPython!, RHEL9_2791[2], RHEL9_2791[3]];
    const { facts } = await relayedFacts('var/log/messages', lines.join('\n'));
    const ev = facts.find((f) => f.kind === 'agent-event');
    const message = ev && ev.kind === 'agent-event' ? ev.message : '';
    expect(message).toContain('line 145, in daemon');
    expect(message).not.toContain('conf.load_conf_from_file');
    expect(message).not.toContain('kernel');
  });

  it("systemctl status with the unit's last journal lines (neg-learn-linux-agent-service-running): the agent's facts, the unit read as before", async () => {
    const text = readFileSync(join('test', 'cases', 'neg-learn-linux-agent-service-running', 'files', 'terminal-output.txt'), 'utf8');
    const path = 'sos_commands/systemd/systemctl_status_--all';
    const got = await relayedFacts(path, text);
    // `[HEARTBEAT] Agent WALinuxAgent-2.2.51 is running as the goal state agent`
    expect(got.facts.some((f) => f.kind === 'agent-heartbeat' || (f.kind === 'agent-version' && f.version === '2.2.51'))).toBe(true);
    expect(got.facts.every((f) => f.at.file === path && f.at.zone === 'utc' && /^2020-10-08T/.test(f.at.text) && text.split('\n')[f.at.line - 1].endsWith(f.at.text))).toBe(true);
    // the unit's facts do not depend on the agent's lines being read
    const without = text
      .split('\n')
      .filter((l) => !/python3\[1036\]: /.test(l))
      .join('\n');
    expect(got.others.map((f) => f.kind)).toEqual((await parse(path, without)).facts.map((f) => f.kind));
  });

  it('#1973 keeps the agent\'s own time, and is recognised as a syslog line, loose or pasted', async () => {
    const { facts } = await relayedFacts('var/log/messages', HEARTBEAT_1973);
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.every((f) => f.at.time === '2020-08-06T07:11:47.785Z' && f.at.zone === 'utc')).toBe(true);
    expect(facts.find((f) => f.kind === 'agent-heartbeat')).toMatchObject({ version: '2.2.49.2', excerpt: true });
    expect(recognise(HEARTBEAT_1973)?.kind).toBe('syslog');
    expect(pastedFiles(HEARTBEAT_1973, 0).map((f) => [f.vmPath, f.kind])).toEqual([['var/log/syslog', 'syslog']]);
  });

  it('a headerless tag without a pid before text that is no agent record is not the agent\'s', async () => {
    // #1973's tag before the agent's own text with its time cut off (an interpreter's message, not a record)
    const cut = HEARTBEAT_1973.replace(/^python: \S+ /, 'python: ');
    expect((await relayedFacts('var/log/messages', cut)).marked).toBe(0);
  });

  it('lines of other programs and a syslog without the agent yield no relayed fact', async () => {
    const status = readFileSync(join('test', 'cases', 'waagent-2310-sles-no-module-azurelinuxagent', 'files', 'messages'), 'utf8');
    // (the agent's interpreter failing to import the agent: frames without an agent record)
    expect((await relayedFacts('var/log/messages', status)).marked).toBe(0);
    const syslog = readFileSync(join('test', 'cases', 'neg-waagent-2825-logcollector-oom-kill', 'files', 'syslog'), 'utf8')
      .split('\n')
      .filter((l) => !/python3\[/.test(l))
      .join('\n');
    expect((await relayedFacts('var/log/syslog', syslog)).marked).toBe(0);
  });
});

describe("the agent's output in supervisord's log (#770): header, then the agent's lines", () => {
  const headers = (lines: readonly string[]) => lines.map((l) => (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} /.test(l) ? '' : l));
  // each excerpt after the header of the chunk before it (the thread's header; the log is read from a chunk's start)
  const log = (lines: readonly string[]) => [SUPERVISORD_770_A[6], ...lines];

  for (const [name, lines] of [
    ['excerpt A', SUPERVISORD_770_A],
    ['excerpt B', SUPERVISORD_770_B],
  ] as const) {
    it(`${name}: the same facts as waagent.log gives, at the same lines, with their times`, async () => {
      const text = log(lines);
      const want = await logFacts(headers(text).join('\n'));
      expect(want.length).toBeGreaterThan(0);
      const path = 'var/log/supervisor/supervisord.log';
      const got = await relayedFacts(path, text.join('\n'));
      expect(got.facts).toEqual(inFile(want, path));
      expect(got.facts.every((f) => Number.isFinite(f.timeMs) && /^2017\/06\/17 22:20:18\.\d{6} /.test(f.at.text))).toBe(true);
    });
  }

  it('as posted (the chunk before the first header cut off, as in a range of a split log): the same facts', async () => {
    for (const lines of [SUPERVISORD_770_A, SUPERVISORD_770_B]) {
      const want = await logFacts(headers(lines).join('\n'));
      const path = 'var/log/supervisor/supervisord.log';
      const got = await relayedFacts(path, lines.join('\n'));
      expect(got.facts).toEqual(inFile(want, path));
    }
    // (A's Event, line 3, lies before its first header)
    const { facts } = await relayedFacts('var/log/supervisor/supervisord.log', SUPERVISORD_770_A.join('\n'));
    expect(facts.find((f) => f.kind === 'agent-event')?.at.line).toBe(3);
  });

  it('pasted, it is the log that relays the agent (supervisord.log), not a waagent.log holding a header', async () => {
    const files = pastedFiles(SUPERVISORD_770_A.join('\n'), 0);
    expect(files.map((f) => [f.vmPath, f.kind])).toEqual([['var/log/supervisor/supervisord.log', 'syslog']]);
  });

  it("reads #770's Event and the versions it names (the goal-state agent failing to launch)", async () => {
    const { facts } = await relayedFacts('var/log/supervisor/supervisord.log', log(SUPERVISORD_770_A).join('\n'));
    const ev = facts.find((f) => f.kind === 'agent-event');
    expect(ev && ev.kind === 'agent-event' && ev.op).toBe('Enable');
    expect(ev?.at.line).toBe(4);
  });

  it('a chunk of another program, stderr, and Python 2\'s u\'…\' name: only the agent\'s chunks are its lines', async () => {
    // (the thread's header with the program renamed: supervisord writes `%(name)r %(channel)s output:`)
    const other = log(SUPERVISORD_770_A).map((l) => l.replace("'walinuxagent' stdout", "'nginx' stdout"));
    expect((await relayedFacts('var/log/supervisor/supervisord.log', other.join('\n'))).marked).toBe(0);
    for (const header of ["u'walinuxagent' stdout", "'walinuxagent' stderr", "'waagent' stdout"]) {
      const text = log(SUPERVISORD_770_A).map((l) => l.replace("'walinuxagent' stdout", header));
      expect((await relayedFacts('var/log/supervisor/supervisord.log', text.join('\n'))).marked).toBeGreaterThan(0);
    }
  });

  it('is recognised as a log relaying the agent, loose or pasted into a folder, not as waagent.log', () => {
    expect(recognise(SUPERVISORD_770_A.join('\n'))?.kind).toBe('syslog');
    expect(recognise(SUPERVISORD_770_B.join('\n'))?.kind).toBe('syslog');
    expect(guessVmPath('supervisord.log', Buffer.from(SUPERVISORD_770_B.join('\n')))).toMatchObject({ vmPath: 'var/log/supervisor/supervisord.log', kind: 'syslog' });
    expect(classify('var/log/supervisor/supervisord.log')).toBe('syslog');
  });
});

describe("a bundle whose only copy of the agent's records is a syslog (#2695)", () => {
  it('the advice says they were read from it, and no reason names waagent.log as where they were read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-relayed-'));
    try {
      mkdirSync(join(dir, 'var', 'log'), { recursive: true });
      writeFileSync(join(dir, 'var', 'log', 'syslog'), `${UBUNTU_2695.join('\n')}\n`);
      const { result } = await analyzeBundle([dir]);
      expect(result.files.find((f) => f.vmPath === 'var/log/syslog')).toMatchObject({ relaysAgentLog: true });
      const advice = result.missingEvidence.find((m) => m.what === '/var/log/waagent.log');
      expect(advice?.why).toMatch(/^The agent's records were read from var\/log\/syslog, which relays them/);
      expect(advice?.whyNl).toMatch(/^De records van de agent zijn gelezen uit var\/log\/syslog/);
      for (const f of result.findings) {
        expect(f.reason).not.toMatch(/^waagent\.log /);
        expect(f.reasonNl ?? '').not.toMatch(/^waagent\.log /);
      }
      expect(result.findings.some((f) => /^The agent's records in var\/log\/syslog /.test(f.reason))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
