// The texts say what the log shows and no more. The WireServer finding said "the last one after the last successful
// goal-state fetch" when no fetch had succeeded at all (waagent-797, waagent-1801, waagent-3492,
// learn-linux-agent-goal-state-unreachable: none of them logs a successful fetch), and "the last one" of a single
// failure; the Dutch verdict without a failed task put its verb in English order ("dus geen bevinding kan …").
import { describe, expect, it } from 'vitest';
import { msg, renderAnalysis } from '../../src/shared/i18n/analysis';
import { LABELS } from '../../src/shared/i18n/labels';

const failures = (count: number, ongoing: boolean, only503 = false) => msg('no-network-wireserver.failures', { count, ongoing, only503 });

describe('the WireServer failures claim no fetch the log does not show', () => {
  it('English: no successful fetch after them, one failure is "it"', () => {
    expect(renderAnalysis(failures(3, true), 'en')).toBe('3 network failures reaching 168.63.129.16, and no goal-state fetch succeeded after the last one.');
    expect(renderAnalysis(failures(1, true), 'en')).toBe('1 network failure reaching 168.63.129.16, and no goal-state fetch succeeded after it.');
    expect(renderAnalysis(failures(5, true, true), 'en')).toMatch(/^5 HTTP 503 answers from 168\.63\.129\.16, and no goal-state fetch succeeded after the last one\. /);
    expect(renderAnalysis(failures(2, false), 'en')).toBe('2 network failures reaching 168.63.129.16, the agent recovered afterwards.');
  });

  it('Dutch: the same meaning', () => {
    expect(renderAnalysis(failures(3, true), 'nl')).toBe('3 netwerkfouten bij het bereiken van 168.63.129.16, en na de laatste werd geen enkele doelstatus opgehaald.');
    expect(renderAnalysis(failures(1, true), 'nl')).toBe('1 netwerkfout bij het bereiken van 168.63.129.16, en daarna werd geen enkele doelstatus opgehaald.');
    for (const lang of ['en', 'nl'] as const) for (const n of [1, 3]) expect(renderAnalysis(failures(n, true), lang)).not.toMatch(/last successful|laatste keer dat/);
  });

  it('Dutch puts the verb after "dus" (the verdict without a failed task, the no-task hint, AutoUpdate off, several VMs)', () => {
    expect(renderAnalysis(msg('verdict.no-task'), 'nl')).toBe('De logs bevatten geen mislukte back-uptaak, dus kan geen enkele bevinding aan een taak worden gekoppeld. ');
    expect(LABELS.nl.diag.noTaskHint).toContain('dus is geen enkele bevinding aan een mislukte back-up te koppelen');
    expect(renderAnalysis(msg('agent-outdated.no-auto-update', { version: '2.2.10', minimum: '2.2.53.1' }), 'nl')).toContain('dus kan geen nieuwere doelstatusagent het overnemen');
    const many = renderAnalysis({ key: 'pipeline.multiple-vms', params: { basis: 'identity', vms: [{ machine: 'a', root: 'x' }, { machine: 'b', root: 'y' }] } } as never, 'nl');
    expect(many).toContain('dus staat geen enkele bevinding boven lage zekerheid');
    expect(many).not.toMatch(/dus geen \S+ (kan|is|staat)/);
  });
});
