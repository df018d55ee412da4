import { describe, expect, it } from 'vitest';
import { ANALYSIS, msg, renderAnalysis, type AnalysisKey, type AnalysisParams } from '../../src/shared/i18n/analysis';

/**
 * The analysis catalogue (src/shared/i18n/analysis.ts): every message renders in English and Dutch, and
 * the two differ, so a Dutch text that was left in English shows here. Typed: a new key without a sample
 * below, or a sample with the wrong parameters, does not compile.
 */
const sentence = msg('agent-config-disabled.enabled');
const KB = { problem: { en: 'The agent crashes on start.', nl: 'De agent crasht bij het starten.' }, remedy: { en: 'Update the agent.', nl: 'Werk de agent bij.' } };

const SAMPLES: { [K in AnalysisKey]: AnalysisParams<K> } = {
  seq: { parts: [sentence, msg('agent-not-running.disabled-but-ran', { file: 'ovf-env.xml', text: '<ProvisionGuestAgent>false</ProvisionGuestAgent>', count: 3 })] },
  raw: { text: 'Failed to write status: [Errno 2] No such file or directory' },
  'engine.rule-failed': { error: 'Unexpected end of JSON input' },
  'disk-full.full': { what: { mount: '/var', usedPercent: 100 }, inodes: true, near: false },
  'disk-full.free': { mounts: [{ mount: '/', usedPercent: 41 }] },
  'disk-full.no-usage': {},
  'disk-full.nothing': {},
  'agent-unresponsive.part.gap': { minutes: 180, taskId: '7d3c2a8e' },
  'agent-unresponsive.part.restart-loop': {},
  'agent-unresponsive.part.exits': { count: 4 },
  'agent-unresponsive.part.orphan-wait': { count: 3, minutes: 20 },
  'agent-unresponsive.part.unclean': { count: 2 },
  'agent-unresponsive.part.goal-state-errors': { count: 5, detail: '[ProtocolError] Failed to fetch goal state' },
  'agent-unresponsive.part.thread-died': { count: 1 },
  'agent-unresponsive.part.unprocessed': { id: 'incarnation_15' },
  'agent-unresponsive.part.oom': { count: 2, victims: 'python3, mysqld', taskId: '7f3c' },
  'agent-unresponsive.part.windows': { issue: 'bad-image-format' },
  'agent-unresponsive.detected': { parts: [msg('agent-unresponsive.part.exits', { count: 3 }), msg('agent-unresponsive.part.windows', { issue: 'oobe-wait' })] },
  'agent-unresponsive.heartbeats': { count: 48, gapMinutes: 60 },
  'agent-unresponsive.no-log': { os: 'windows' },
  'agent-unresponsive.no-heartbeats': { os: 'linux' },
  'no-network-wireserver.probe-failed': { endpoints: ['wireserver', 'hostgaplugin'], detail: 'connection timed out' },
  'no-network-wireserver.no-log': { os: 'linux' },
  'no-network-wireserver.near-task': { count: 3, taskId: '7d3c2a8e', intermittent: true },
  'no-network-wireserver.fine-near-task': { taskId: '7d3c2a8e', older: 2 },
  'no-network-wireserver.failures': { count: 4, ongoing: false },
  'no-network-wireserver.fetched': {},
  'no-network-wireserver.nothing': { os: 'windows' },
  'agent-config-disabled.conf-off': {},
  'agent-config-disabled.logged-off': {},
  'agent-config-disabled.re-enabled': {},
  'agent-config-disabled.on-hold': {},
  'agent-config-disabled.provisioning-disabled': {},
  'agent-config-disabled.enabled-ran': {},
  'agent-config-disabled.enabled': {},
  'agent-config-disabled.ran': {},
  'agent-config-disabled.windows': {},
  'agent-config-disabled.nothing': {},
  'agent-not-running.windows-down': { issue: 'config-error', detail: 'Configuration system failed to initialize' },
  'agent-not-running.windows-events': { subject: 'WindowsAzureGuestAgent', serious: true, count: 2 },
  'agent-not-running.disabled': {},
  'agent-not-running.disabled-but-ran': { file: 'ovf-env.xml', text: '<ProvisionGuestAgent>false</ProvisionGuestAgent>', count: 3, last: '2026-11-19T22:00:03Z' },
  'agent-not-running.service-down': { detail: 'walinuxagent.service is inactive (dead)' },
  'agent-not-running.no-log': { os: 'linux' },
  'agent-not-running.stopped-before-task': { event: 'stop-signal', detail: 'SIGTERM', taskId: '7d3c2a8e' },
  'agent-not-running.active-near-task': { count: 4, taskId: '7d3c2a8e' },
  'agent-not-running.silent-near-task': { taskId: '7d3c2a8e', loggedAgain: false },
  'agent-not-running.not-covered': { os: 'windows', taskId: '7d3c2a8e' },
  'agent-not-running.stopped-at-end': { event: 'memory-limit' },
  'agent-not-running.heartbeats-to-end': {},
  'agent-not-running.activity': {},
  'agent-not-running.status': { status: 'NotReady' },
  'agent-not-running.no-activity': { os: 'linux' },
  'extension-failed-state.part.handler-state': { state: 'FailedUpgrade', version: '1.0.9.0' },
  'extension-failed-state.part.handler-status': { code: 52, message: 'Enable failed' },
  'extension-failed-state.part.operation': { op: 'enable', outcome: 'timed-out', exitCode: 1, detail: 'Non-zero exit code: 1' },
  'extension-failed-state.part.event': { op: 'Install', message: 'Access is denied' },
  'extension-failed-state.part.status-error': { code: 1009 },
  'extension-failed-state.part.reported-not-ready': { code: 1, message: 'Plugin failed' },
  'extension-failed-state.known-bad': { handler: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', version: '1.0.9218.0', os: 'ubuntu 24.04', ...KB, source: 'https://github.com/Azure/azure-linux-extensions/issues/1922' },
  'extension-failed-state.detected': { backup: false, handlers: ['Microsoft.Azure.Monitor.AzureMonitorLinuxAgent'], handler: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', what: msg('extension-failed-state.part.handler-state', { state: 'Failed', version: '1.2.0' }), gone: ['Microsoft.OSTCExtensions.LinuxDiagnostic'] },
  'extension-failed-state.ruled-out': { states: [], gone: ['Microsoft.OSTCExtensions.LinuxDiagnostic', 'Microsoft.Azure.Extensions.CustomScript'] },
  'extension-failed-state.nothing': {},
};

/** Messages that quote the bundle rather than say something: the same in every language. */
const VERBATIM = new Set<AnalysisKey>(['raw']);

describe('the analysis message catalogue', () => {
  it('has a sample for every key and nothing else', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(ANALYSIS).sort());
  });

  it.each(Object.keys(ANALYSIS) as AnalysisKey[])('%s renders in English and Dutch, differently', (key) => {
    const m = { key, params: SAMPLES[key] };
    const en = renderAnalysis(m, 'en');
    const nl = renderAnalysis(m, 'nl');
    expect(en.trim()).not.toBe('');
    expect(nl.trim()).not.toBe('');
    expect(en + nl).not.toMatch(/undefined|\[object Object\]|NaN/);
    if (!VERBATIM.has(key)) expect(nl).not.toBe(en);
  });

  it('keeps the Dutch wording of the support article', () => {
    for (const key of Object.keys(ANALYSIS) as AnalysisKey[]) {
      const nl = renderAnalysis({ key, params: SAMPLES[key] }, 'nl');
      // "verliep" reads as "expired"; "niet-evalueerbaar" is not what the article says
      expect(nl, key).not.toMatch(/\bverliep\b|niet-evalueerba/i);
    }
  });

  it('renders nested parts in the language asked for', () => {
    const m = msg('agent-unresponsive.detected', { parts: [msg('agent-unresponsive.part.exits', { count: 3 })] });
    expect(renderAnalysis(m, 'en')).toBe('The agent was alive but not working: the ExtHandler exited or the daemon failed 3 times.');
    expect(renderAnalysis(m, 'nl')).toBe('De agent leefde maar deed zijn werk niet: de ExtHandler stopte of de daemon faalde 3 keer.');
  });

  it('refuses a key that is not in the catalogue', () => {
    expect(() => renderAnalysis({ key: 'no-such-message', params: {} }, 'en')).toThrow(/no-such-message/);
  });
});
