// The extension history keeps each handler's newest entries without making an entry for every target state and
// operation of a big log: the summary and the kept history are what keeping every entry and cutting gives.
import { describe, expect, it } from 'vitest';
import { FactIndex } from '../../src/main/analyze/facts-index';
import { buildExtensionHistory } from '../../src/main/analyze/reconstruct/extensions';
// real agent messages with new timestamps (bench/generate.mjs: from the repository's corpus and cases)
import { brokenAgentWaagentLogGenerator, infoHeavyWaagentLogGenerator } from '../../bench/generate.mjs';
import { parseBothWays } from '../helpers/waagent-facts';

async function parse(gen: () => string, bytes: number) {
  let text = '';
  while (text.length < bytes) text += gen();
  const { objects, store } = await parseBothWays(text);
  return { rows: new FactIndex(store), list: new FactIndex(objects), objects };
}

describe.each([
  ['INFO-heavy', infoHeavyWaagentLogGenerator],
  ['broken agent', brokenAgentWaagentLogGenerator],
])('extension history of the %s mix', (_, generator) => {
  it('keeps the newest entries of each handler and the same summary as keeping them all', async () => {
    const { rows, list } = await parse(generator(), 1024 * 1024);
    const all = buildExtensionHistory(rows, Infinity);
    // a busy handler: hundreds of target states or operations
    expect(Math.max(...all.map((e) => e.history.length))).toBeGreaterThan(150);
    expect(all.some((e) => e.history.some((h) => h.exitCode !== undefined))).toBe(true);
    for (const max of [1, 3, 50, 150]) {
      const cut = all.map((e) => ({ ...e, history: e.history.slice(-max) }));
      expect(buildExtensionHistory(rows, max), `max ${max}`).toEqual(cut);
      expect(buildExtensionHistory(list, max), `max ${max}, objects`).toEqual(cut);
    }
  });
});

it('reports the newest exit code of a handler when its newest operations have none', async () => {
  const { objects } = await parse(brokenAgentWaagentLogGenerator(), 512 * 1024);
  // the newest 5 operations of one handler without an exit code (as an operation that reports none)
  const handler = objects.find((f) => f.kind === 'extension-operation')!.handler;
  const ops = objects.flatMap((f, i) => (f.kind === 'extension-operation' && f.handler === handler ? [i] : []));
  expect(ops.length).toBeGreaterThan(20);
  const newest = new Set(ops.slice(-5));
  const facts = objects.map((f, i) => {
    if (f.kind !== 'extension-operation' || !newest.has(i)) return f;
    const { exitCode: _e, ...rest } = f;
    return rest;
  });
  const ix = new FactIndex(facts);
  const all = buildExtensionHistory(ix, Infinity);
  expect(all.find((e) => e.name === handler)?.lastCode).toBe(51);
  for (const max of [1, 3, 5]) expect(buildExtensionHistory(ix, max)).toEqual(all.map((e) => ({ ...e, history: e.history.slice(-max) })));
});
