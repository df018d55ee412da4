import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FactOf } from '../../../src/shared';
import { CASES_DIR } from '../../accuracy/score';
import { parse } from './helpers';

/**
 * The daemon's failed launch (op=Enable) and the restart note (op=Restart) name the goal-state agent in their ERROR event
 * copies as their lines do. A log filtered to errors holds only the copies (PR #563's 2.2.2): the agent they name is its
 * version line. Where a line names it (#761's 2.2.12: the copies follow the lines), the line stays its only one.
 */
const caseLog = (id: string) => readFileSync(join(CASES_DIR, id, 'files', 'waagent.log'), 'utf8');
const versions = async (text: string) =>
  (await parse(text)).facts.filter((f): f is FactOf<'agent-version'> => f.kind === 'agent-version' && f.role === 'goal-state-agent').map((f) => [f.version, f.at.line]);

describe('the goal-state agent named in an event copy', () => {
  it('PR #563 (the copies only): the launch copy names 2.2.2, once; the download target does not', async () => {
    expect(await versions(caseLog('waagent-pr563-2-2-2-agent-downloads-fail-exthandler-exits'))).toEqual([['2.2.2', 2]]);
  });

  it('#761 (the lines and their copies): only the lines name it', async () => {
    const log = caseLog('waagent-761-2-2-12-metadata-protocol-exthandler-restart');
    const lines = log.split('\n');
    const named = await versions(log);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter(([, line]) => /Event: name=WALinuxAgent, op=(?:Enable|Restart)/.test(lines[Number(line) - 1]))).toEqual([]);
  });
});
