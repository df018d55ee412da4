import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES_DIR } from '../../accuracy/score';
import { analyzeFiles } from './helpers';

/**
 * The agent summary's `restarts` (the goal-state agent's failed launches, the daemon's exceptions, restart loops) and
 * `crashes` count each once, however many times the logs hold it: the launch's line and its event copy (`Event:
 * name=WALinuxAgent, op=Enable`, 2.2.x) are one failure, and so is a line that two rotated files both hold (a rotation
 * that overlaps, a log collected twice). Real lines from #761 (2.2.12) and #1035 (2.2.21), moved in time only.
 */
const LOG = readFileSync(join(CASES_DIR, 'waagent-761-2-2-12-metadata-protocol-exthandler-restart', 'files', 'waagent.log'), 'utf8');
const lines = LOG.trimEnd().split('\n');
/** #761 with its hour moved on by `k`: the same restart an hour later each time. */
const hourOn = (k: number) => LOG.replace(/^2017\/06\/14 22:/gm, `2017/06/14 ${22 + k}:`);

describe("the agent summary's restarts, each once", () => {
  it("#761: the failed launch's line and its event copy are one restart", async () => {
    expect(lines[1]).toMatch(/^\S+ \S+ ERROR Event: name=WALinuxAgent, op=Enable, message=Agent WALinuxAgent-2\.2\.12 launched/);
    const r = await analyzeFiles({ 'var/log/waagent.log': LOG });
    expect(r.agent?.restarts).toBe(1);
  });

  it('a rotated file that holds the same failed launch as the next one is not a second restart', async () => {
    // waagent.log.1 ends with the first three lines the new waagent.log starts with
    const r = await analyzeFiles({ 'var/log/waagent.log.1': `${lines.slice(0, 3).join('\n')}\n`, 'var/log/waagent.log': LOG });
    expect(r.agent?.restarts).toBe(1);
  });

  it('the same log given twice is one restart; the restart an hour later is another', async () => {
    expect((await analyzeFiles({ 'var/log/waagent.log.1': LOG, 'var/log/waagent.log': LOG })).agent?.restarts).toBe(1);
    expect((await analyzeFiles({ 'var/log/waagent.log.1': LOG, 'var/log/waagent.log': hourOn(1) })).agent?.restarts).toBe(2);
  });

  it("#1035 (2.2.21): the goal-state agent's crash held by two rotated files is one crash", async () => {
    const crash = readFileSync(join(CASES_DIR, 'waagent-1035-2-2-21-events-recursion-exthandler-crash', 'files', 'waagent.log'), 'utf8');
    expect((await analyzeFiles({ 'var/log/waagent.log': crash })).agent?.crashes).toBe(1);
    expect((await analyzeFiles({ 'var/log/waagent.log.1': crash, 'var/log/waagent.log': crash })).agent?.crashes).toBe(1);
  });
});
