// A bundle without waagent.log whose journal, syslog or `systemctl status` relays the agent's records (the agent logs
// to stdout too): the advice and the reasons say where the agent's records were read, never "waagent.log" as if it
// were there, nor ask for it as if nothing of the agent was seen. Real cases' files (test/cases, sources in case.json).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleFile } from '../../src/shared';
import { missingEvidence } from '../../src/main/analyze/missing-evidence';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { msg, renderAnalysis } from '../../src/shared/i18n/analysis';

const CASES = join(__dirname, '..', 'cases');
const file = (vmPath: string, more: Partial<BundleFile> = {}): BundleFile => ({ id: 0, vmPath, kind: 'syslog', size: 1, truncated: false, origin: 'x', input: 0, warnings: [], ...more });
const agentLogAdvice = (files: BundleFile[]) => missingEvidence(files).find((m) => m.what === '/var/log/waagent.log');

describe("the missing-evidence advice for waagent.log when another log relays the agent's records", () => {
  it('names the journal or syslog it was read from, in English and Dutch', () => {
    const m = agentLogAdvice([file('var/log/syslog', { relaysAgentLog: true }), file('var/log/messages')]);
    expect(m?.why).toMatch(/^The agent's records were read from var\/log\/syslog, which relays them/);
    expect(m?.whyNl).toMatch(/^De records van de agent zijn gelezen uit var\/log\/syslog, dat ze doorgeeft/);
  });

  it('says a `systemctl status` excerpt is one, by the name the engineer gave the file', () => {
    const m = agentLogAdvice([file('var/log/syslog', { givenName: 'systemctl-status-waagent.txt', relaysAgentLog: true, relaysAgentExcerpt: true })]);
    expect(m?.why).toContain('`systemctl status` showed in systemctl-status-waagent.txt: an excerpt');
    expect(m?.whyNl).toContain('`systemctl status` toonde in systemctl-status-waagent.txt: een uittreksel');
  });

  it('a relaying log beside an excerpt: the log is named, not the excerpt', () => {
    const m = agentLogAdvice([file('commands/systemctl-status.txt', { kind: 'service-output', relaysAgentLog: true, relaysAgentExcerpt: true }), file('var/log/syslog', { relaysAgentLog: true })]);
    expect(m?.why).toContain('read from var/log/syslog,');
    expect(m?.why).not.toContain('systemctl-status');
  });

  it('nothing relayed: the advice as before; waagent.log present: no advice', () => {
    expect(agentLogAdvice([file('var/log/syslog')])?.why).toBe('The guest agent log shows whether the agent ran, reached the WireServer and executed the backup extension.');
    expect(agentLogAdvice([file('var/log/syslog', { relaysAgentLog: true }), file('var/log/waagent.log', { kind: 'waagent-log' })])).toBeUndefined();
  });
});

describe('a real case without waagent.log: a `systemctl status` excerpt (neg-learn-linux-agent-service-running)', () => {
  it("the advice says it is an excerpt, and no reason names waagent.log as where the agent's records were read", async () => {
    const { result } = await analyzeBundle([join(CASES, 'neg-learn-linux-agent-service-running', 'files')]);
    expect(result.files.filter((f) => f.relaysAgentLog && f.relaysAgentExcerpt).length).toBeGreaterThan(0);
    const m = result.missingEvidence.find((x) => x.what === '/var/log/waagent.log');
    expect(m?.why).toMatch(/^The agent's only records in the bundle are the few lines `systemctl status` showed in terminal-output\.txt: an excerpt/);
    for (const f of result.findings) {
      expect(f.reason).not.toMatch(/^waagent\.log /);
      expect(f.reasonNl ?? '').not.toMatch(/^waagent\.log /);
    }
  }, 60_000);
});

describe('reasons about the agent\'s log name the files its records were read from', () => {
  const both = (m: Parameters<typeof renderAnalysis>[0]) => [renderAnalysis(m, 'en'), renderAnalysis(m, 'nl')];
  const relayedIn = ['var/log/syslog'];
  it('relayed: the files, the verb in the plural; otherwise waagent.log as before', () => {
    expect(both(msg('no-network-wireserver.nothing', { os: 'linux', relayedIn }))).toEqual([
      "The agent's records in var/log/syslog show neither successful goal-state fetches nor WireServer failures; check 168.63.129.16 ports 80 and 32526 (NSG, firewall, proxy).",
      'De records van de agent in var/log/syslog tonen geen opgehaalde doelstatussen en geen WireServer-fouten; controleer 168.63.129.16 op poort 80 en 32526 (NSG, firewall, proxy).',
    ]);
    expect(both(msg('no-network-wireserver.nothing', { os: 'linux' }))[0]).toMatch(/^waagent\.log shows neither /);
    expect(both(msg('agent-unresponsive.no-heartbeats', { os: 'linux', relayedIn, one: true }))).toEqual([
      "The agent's records in var/log/syslog have only one heartbeat, so a hung agent cannot be told from an idle one.",
      'De records van de agent in var/log/syslog bevatten maar één heartbeat, dus een vastgelopen agent is niet te onderscheiden van een agent zonder werk.',
    ]);
    expect(both(msg('agent-unresponsive.no-heartbeats', { os: 'linux', relayedIn }))).toEqual([
      expect.stringMatching(/^The agent's records in var\/log\/syslog have no heartbeats /),
      expect.stringMatching(/^De records van de agent in var\/log\/syslog bevatten geen heartbeats /),
    ]);
    expect(both(msg('agent-not-running.not-covered', { os: 'linux', relayedIn, taskId: '7d3c2a8e' }))).toEqual([
      expect.stringMatching(/^The agent's records in var\/log\/syslog do not cover the time of the failed task 7d3c2a8e; collect \/var\/log\/waagent\.log\* /),
      expect.stringMatching(/^De records van de agent in var\/log\/syslog reiken niet tot de tijd van de mislukte taak .*verzamel \/var\/log\/waagent\.log\* /),
    ]);
    expect(both(msg('agent-not-running.silent-near-task', { os: 'linux', relayedIn, taskId: '7d3c2a8e', loggedAgain: true }))[0]).toMatch(/^The agent's records in var\/log\/syslog show no agent activity /);
    expect(both(msg('agent-not-running.silent-near-task', { taskId: '7d3c2a8e', loggedAgain: true }))[0]).toMatch(/^waagent\.log has no agent activity /);
    expect(both(msg('agent-not-running.no-activity', { os: 'linux', relayedIn }))[1]).toMatch(/^De records van de agent in var\/log\/syslog bevatten geen regels /);
    expect(both(msg('dhcp-disabled.nothing', { os: 'linux', relayedIn }))[0]).toMatch(/^The agent's records in var\/log\/syslog show no endpoint discovery /);
  });
});
