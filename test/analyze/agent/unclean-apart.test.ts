import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rule as unresponsive } from '../../../src/main/analyze/rules/agent-unresponsive';
import { CASES_DIR } from '../../accuracy/score';
import { contextFrom } from './helpers';

/**
 * "did not terminate cleanly" counts towards an agent that crashes on every pass only while the agent does no work
 * between two of them. Azure/WALinuxAgent#947's journal (2.2.18) has one after a reboot, then a processed goal state;
 * the same boot a day earlier (a rotated log, a size-limited copy) made two unclean stops: not a crash loop.
 * #626's and #812's stop and crash, seconds apart with nothing processed, still are.
 */
// the agent's own records of the journal lines (what waagent.log holds)
const J947 = readFileSync(join(CASES_DIR, 'neg-waagent-947-journal-restart-after-reboot', 'files', 'journal.log'), 'utf8').replace(/^.*?\]: /gm, '');
const dayBefore = J947.replace(/2017\/11\/20/g, '2017/11/19');
const log = (id: string) => readFileSync(join(CASES_DIR, id, 'files', 'waagent.log'), 'utf8');

describe('agent-unresponsive: unclean stops with work between them', () => {
  it('two reboots a day apart, each followed by a processed goal state, are not detected', async () => {
    const out = unresponsive.evaluate(await contextFrom(dayBefore + J947));
    expect(out.verdict).not.toBe('detected');
  });

  it('the same two stops with no goal state processed between them still are', async () => {
    const noWork = (t: string) => t.split('\n').filter((l) => !l.includes('op=ProcessGoalState')).join('\n');
    const out = unresponsive.evaluate(await contextFrom(noWork(dayBefore) + noWork(J947)));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium' });
  });

  it('#626 and #812 (a stop and a crash seconds apart) keep their answer', async () => {
    for (const id of ['waagent-626-2-2-6-hostplugin-400-restart-loop', 'waagent-812-extension-log-dir-deleted']) {
      expect(unresponsive.evaluate(await contextFrom(log(id))).verdict, id).toBe('detected');
    }
  });
});
