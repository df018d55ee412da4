// No pass of the diagnosis may keep every fact of a big kind as objects: a rule that did (`facts.of` on a broken
// agent's connectivity facts, a million of them in 500 MB) took the 500 MB logs over their 300 MB peak. A broken
// agent's and an INFO-heavy agent's logs, a few MB each, diagnosed while every list `of` and `where` hand back is
// measured against its kind's size.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { FactIndex } from '../../src/main/analyze/facts-index';
// the benchmark's generators: real agent messages with new times, in the bench's mixes
import { brokenAgentWaagentLogGenerator, infoHeavyWaagentLogGenerator } from '../../bench/generate.mjs';

/** The most facts one list may hold. */
const KEPT_MAX = 1000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmbd-kept-'));
  for (const [name, gen] of [
    ['broken', brokenAgentWaagentLogGenerator()],
    ['info', infoHeavyWaagentLogGenerator()],
  ] as const) {
    mkdirSync(join(dir, name, 'var/log'), { recursive: true });
    let text = '';
    while (text.length < 8 * 1024 * 1024) text += gen();
    writeFileSync(join(dir, name, 'var/log/waagent.log'), text);
    if (name === 'broken') {
      // the same agent on a release with a published problem (2.2.31–2.2.40's cgroups): agent-outdated then matches
      // every text the agent said went wrong against the release's signature
      mkdirSync(join(dir, 'known-bad', 'var/log'), { recursive: true });
      writeFileSync(join(dir, 'known-bad', 'var/log/waagent.log'), text.replaceAll('WALinuxAgent-2.13.1.1', 'WALinuxAgent-2.2.40'));
    }
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('big kinds are not kept whole', () => {
  it.each(['broken', 'info', 'known-bad'])('%s agent: no list of facts the rules get holds a big kind', async (name) => {
    const lists: { how: string; kind: string; n: number; of: number }[] = [];
    const of = vi.spyOn(FactIndex.prototype, 'of');
    const where = vi.spyOn(FactIndex.prototype, 'where');
    try {
      await analyzeBundle([join(dir, name)]);
      for (const [spy, how] of [[of, 'of'], [where, 'where']] as const)
        spy.mock.calls.forEach((args, k) => {
          const r = spy.mock.results[k];
          const index = spy.mock.contexts[k] as FactIndex;
          if (r.type === 'return') lists.push({ how, kind: args[0], n: (r.value as unknown[]).length, of: index.count(args[0]) });
        });
    } finally {
      of.mockRestore();
      where.mockRestore();
    }
    // the logs' big kinds hold 2,000–15,000 facts each (a 500 MB log's: 100,000s); the rules' own lists are a few
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.filter((l) => l.n > KEPT_MAX)).toEqual([]);
  });
});
