// A count of one reads as one in both languages ("1 line", "1 byte", "1 heartbeat"), in the texts that last
// session's sweep left with a plural only: the log view's expand/collapse, the SSH progress in Dutch and the
// agent's disable marker.
import { describe, expect, it } from 'vitest';
import { msg, renderAnalysis } from '../../src/shared/i18n/analysis';
import { LABELS } from '../../src/shared/i18n/labels';

describe('a count of one', () => {
  it('the log view\'s expand and collapse of a record\'s lines', () => {
    expect(LABELS.en.logs.expand(1)).toBe('+1 more line, expand');
    expect(LABELS.en.logs.collapse(1)).toBe('Collapse 1 line');
    expect(LABELS.nl.logs.expand(1)).toBe('+1 regel meer, uitklappen');
    expect(LABELS.nl.logs.collapse(1)).toBe('1 regel inklappen');
    expect(LABELS.nl.logs.expand(3)).toBe('+3 regels meer, uitklappen');
  });

  it('the SSH collection\'s bytes in Dutch', () => {
    expect(renderAnalysis(msg('ssh.received', { bytes: 1 }), 'nl')).toBe('1 byte ontvangen');
    expect(renderAnalysis(msg('ssh.received', { bytes: 2 }), 'nl')).toBe('2 bytes ontvangen');
    expect(renderAnalysis(msg('ssh.saved', { path: '/tmp/x.tar.gz', bytes: 1, files: 1 }), 'nl')).toBe('Opgeslagen: /tmp/x.tar.gz (1 byte, 1 bestand)');
  });

  it('the agent that ran after its disable marker', () => {
    const one = msg('agent-not-running.disabled-but-ran', { file: 'ovf-env.xml', text: '<ProvisionGuestAgent>false</ProvisionGuestAgent>', count: 1, last: '2026-11-19T22:00:03Z' });
    expect(renderAnalysis(one, 'en')).toContain('(1 heartbeat, goal state or backup run, the last at');
    expect(renderAnalysis(one, 'nl')).toContain('(1 heartbeat, doelstatus of back-up, de laatste om');
  });

  it('a count of none takes the plural, not the singular ("0 tasks", "0 andere oorzaken")', () => {
    expect(renderAnalysis(msg('verdict.others', { count: 0 }), 'en')).toBe(' 0 other causes may have contributed.');
    expect(renderAnalysis(msg('verdict.others', { count: 0 }), 'nl')).toBe(' 0 andere oorzaken hebben mogelijk bijgedragen.');
    expect(renderAnalysis(msg('verdict.others', { count: 1 }), 'nl')).toBe(' 1 andere oorzaak heeft mogelijk bijgedragen.');
    expect(renderAnalysis(msg('fsfreeze-failed.froze', { count: 0 }), 'en')).toMatch(/^0 tasks froze/);
    expect(renderAnalysis(msg('snapshot-limit-reached.ruled-out', { count: 0 }), 'en')).toMatch(/^0 snapshots were taken/);
    expect(renderAnalysis(msg('snapshot-limit-reached.ruled-out', { count: 1 }), 'en')).toMatch(/^1 snapshot was taken/);
  });
});
