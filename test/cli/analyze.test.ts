import { describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli';
import { SAMPLE } from '../helpers/paths';
import { CAUSE_IDS } from '../../src/shared';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) }, out, err };
}

describe('vmbackup-doctor analyze', () => {
  it('--format json follows the docs/CONTRACT.md contract', async () => {
    const c = capture();
    expect(await main(['analyze', SAMPLE, '--format', 'json'], c.io)).toBe(0);
    const doc = JSON.parse(c.out.join(''));
    expect(doc.schemaVersion).toBe(1);
    expect(doc.inputs[0]).toMatchObject({ path: SAMPLE, kind: expect.any(String), files: expect.any(Number), warnings: expect.any(Array) });
    expect(doc.inputs[0].files).toBeGreaterThan(0);
    expect(doc.agent).toHaveProperty('minimumSupported', '2.2.53.1');
    expect(Array.isArray(doc.snapshots)).toBe(true);
    expect(Array.isArray(doc.extensions)).toBe(true);
    // every cause exactly once, with the required fields
    expect(doc.findings.map((f: { cause: string }) => f.cause).sort()).toEqual([...CAUSE_IDS].sort());
    for (const f of doc.findings) {
      expect(['detected', 'ruled-out', 'not-evaluable']).toContain(f.verdict);
      expect(['high', 'medium', 'low']).toContain(f.confidence);
      expect(f).toMatchObject({ portalCodes: expect.any(Array), title: expect.any(String), evidence: expect.any(Array), remedy: expect.any(Array) });
    }
  });

  it('exits 1 when no input can be read, 2 on usage errors', async () => {
    const c = capture();
    expect(await main(['analyze', '/nonexistent/bundle.zip'], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/no input could be read/);
    expect(await main(['analyze'], capture().io)).toBe(2);
    expect(await main(['analyze', SAMPLE, '--format', 'xml'], capture().io)).toBe(2);
    expect(await main(['bogus'], capture().io)).toBe(2);
  });

  it('text output is a readable summary listing the inputs', async () => {
    const c = capture();
    expect(await main(['analyze', SAMPLE], c.io)).toBe(0);
    const text = c.out.join('');
    expect(text).toMatch(/^VM Backup Doctor /);
    expect(text).toMatch(/Verdict: /);
    expect(text).toContain('logs.zip');
  });
});
