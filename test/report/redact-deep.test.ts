import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/main/cli';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { toCliJson } from '../../src/main/report/json';
import { redactDeep, redactedRefs, redactedTexts, redactSecrets } from '../../src/shared/redact';
import type { AnalysisResult } from '../../src/shared';
import { ROOT, SAMPLE } from '../helpers/paths';
import { keepMilestoneRows, milestoneRowsOf, type MilestoneRows } from '../../src/shared/model/task-milestones';
import type { SnapshotMilestoneRef, SnapshotTask } from '../../src/shared';
import { sampleResult } from './fixture';

/** redactDeep as it was before it shared what nothing changed in: a null-prototype copy of every object and array. */
function copyAll<T>(v: T): T {
  if (typeof v === 'string') return redactSecrets(v) as T;
  if (Array.isArray(v)) return v.map((x) => copyAll(x)) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = copyAll(x);
    return out as T;
  }
  return v;
}
const doc = (r: AnalysisResult) => JSON.stringify(toCliJson(r), null, 2);

// the secrets of test/report/secrets.test.ts
const SIG = 'Q2hlY2tTaWduYXR1cmVTZWNyZXQ%3D';
const PROTECTED = 'MIIB8AYJKoZIhvcNAQcDoIIB4TCCAd0CAQAxggFpMIIBZQIBADBNMDkxNzA1BgoJkiaJk';
const TASK_TOKEN = 'b7f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5-snaptoken';
const DD_TOKEN = 'ddtok-9f8e7d6c5b4a39281706';
const FILE_SIG = 'FileNameSig0123456789';
const SAS = `https://md-hdd-abc123.blob.core.windows.net/$system/vm-backup-demo-01.3f4e.status?sv=2018-03-28&sr=b&sk=system-1&sig=${SIG}&se=9999-01-01T00%3A00%3A00Z&sp=rw`;
const CASES = ['ext-1868-freeze-never-thawed', 'ext-pr2019-dosnapshot-bhs-500', 'waagent-1565-vm-stuck-updating-parse-ext-status', 'neg-waagent-2960-transient-goal-state-error-recovered'];

describe('redactDeep', () => {
  it('gives the JSON of a full redacted copy for the sample bundle and real cases', async () => {
    for (const input of [SAMPLE, ...CASES.map((c) => join(ROOT, 'test', 'cases', c, 'files'))]) {
      const { result } = await analyzeBundle([input]);
      const expected = doc(copyAll(result));
      expect(expected.length, input).toBeGreaterThan(1000);
      expect(doc(redactDeep(result)), input).toBe(expected);
    }
  });

  it('redacts secrets at any depth, copies only the way to them, and leaves its input as it was', () => {
    const seeded = sampleResult({ inject: ` ${SAS} "protectedSettings": "${PROTECTED}" snapshotTaskToken : ${TASK_TOKEN} token : ${DD_TOKEN}` });
    const before = JSON.stringify(seeded);
    const r = redactDeep(seeded);
    const json = doc(r);
    expect(json).toBe(doc(copyAll(seeded)));
    for (const s of [SIG, PROTECTED, TASK_TOKEN, DD_TOKEN]) {
      expect(before).toContain(s); // the test can fail
      expect(json).not.toContain(s);
    }
    expect(json).toContain('.status?<redacted>');
    expect(JSON.stringify(seeded)).toBe(before);
    // what holds no secret is shared, what does is a copy
    expect(r.findings).not.toBe(seeded.findings);
    expect(r.verdict).not.toBe(seeded.verdict);
    expect(r.snapshots).toBe(seeded.snapshots);
    expect(r.clock).toBe(seeded.clock);
    expect(r.vm).toBe(seeded.vm);
  });

  it('redacts a string each time it comes, between others of its length (the repeat memo)', () => {
    const secret = `sig=${SIG}`;
    const plain = 'x'.repeat(secret.length);
    // the same secret as another string object (built at run time), and a plain string of the same length between
    const again = ['sig=', SIG].join('');
    const v = { a: [secret, plain, secret, again, plain, secret], b: { c: again, d: plain, e: secret } };
    const out = redactDeep(v);
    expect(JSON.stringify(out)).toBe(JSON.stringify(copyAll(v)));
    expect(JSON.stringify(out)).not.toContain(SIG);
    expect(out.a[1]).toBe(plain);
    expect(out.b.d).toBe(plain);
  });

  it('keeps the texts of a list marked as redacted, and redacts the rest of it', () => {
    // (a text with a secret in it stands for any text here: the mark says it needs no redaction)
    const list = redactedTexts([
      { file: `f?sig=${SIG}`, text: `kept sig=${SIG}` },
      { file: 'g', text: `clipped sig=${SIG}…` },
      { file: 'h', text: 'plain', more: { text: `sig=${SIG}` } },
    ]);
    const out = redactDeep({ milestones: list, other: [{ text: `sig=${SIG}` }] });
    expect(out.milestones[0]).toEqual({ file: 'f?sig=<redacted>', text: `kept sig=${SIG}` });
    expect(out.milestones[1].text).toBe('clipped sig=<redacted>');
    expect(out.milestones[2]).toEqual({ file: 'h', text: 'plain', more: { text: 'sig=<redacted>' } });
    expect(out.other[0].text).toBe('sig=<redacted>');
    // a copy of the list is not marked
    expect(redactDeep([...list])[0].text).toBe('kept sig=<redacted>');
  });

  it('reads the fields of a list marked as milestone refs, and answers as for any list', () => {
    const refs = () => [
      { name: 'enable-start', time: '2026-11-19T22:01:03.000Z', file: `f?sig=${SIG}`, line: 1, text: `kept sig=${SIG}` },
      { name: `sig=${SIG}`, time: null, file: 'g', line: 2, text: `clipped sig=${SIG}…` },
      { name: 'daemon-start', time: `2026-11-19 sig=${SIG}`, file: 'h', line: 3, text: 'plain' },
      { name: 'frozen', time: '2026-11-19T22:01:03.000Z', file: 'h', line: 4, text: 'plain' },
    ];
    const plain = refs();
    const out = redactDeep({ milestones: redactedRefs(plain) });
    const asTexts = redactDeep({ milestones: redactedTexts(refs()) });
    expect(JSON.stringify(out)).toBe(JSON.stringify(asTexts));
    expect(out.milestones[0].file).toBe('f?sig=<redacted>');
    expect(out.milestones[0].text).toBe(`kept sig=${SIG}`);
    expect(out.milestones[1].name).toBe('sig=<redacted>');
    expect(out.milestones[2].time).toBe('2026-11-19 sig=<redacted>');
    // nothing to redact: the very object
    expect(out.milestones[3]).toBe(plain[3]);
  });

  it('reads a task’s milestone rows in place, and redacts as for their list of refs', () => {
    const rowsOf = (refs: SnapshotMilestoneRef[]): MilestoneRows => ({
      length: refs.length,
      name: (k) => refs[k].name,
      time: (k) => refs[k].time,
      file: (k) => refs[k].file,
      line: (k) => refs[k].line,
      text: (k) => refs[k].text,
      clipped: (k) => refs[k].text.endsWith('…'),
    });
    const task = (refs: SnapshotMilestoneRef[], asRows: boolean) => {
      const t = { taskId: 't1', result: 'failed', milestones: refs } as SnapshotTask;
      if (asRows) keepMilestoneRows(t, rowsOf(refs));
      return { snapshots: [t] };
    };
    const clean = [
      { name: 'enable-start', time: '2026-11-19T22:01:03.000Z', file: 'f', line: 1, text: `kept sig=${SIG}` },
      { name: 'frozen', time: null, file: 'g', line: 2, text: 'clipped…' },
    ];
    const kept = task(clean, true);
    const out = redactDeep(kept);
    // nothing to redact: the very task, its milestones still rows
    expect(out.snapshots[0]).toBe(kept.snapshots[0]);
    expect(milestoneRowsOf(out.snapshots[0])).toBeDefined();
    for (const changed of [
      { ...clean[0], file: `f?sig=${SIG}` },
      { ...clean[0], name: `sig=${SIG}` },
      { ...clean[0], text: `clipped sig=${SIG}…` },
    ]) {
      const refs = [clean[1], changed];
      const o = redactDeep(task(refs, true));
      expect(JSON.stringify(o)).toBe(JSON.stringify(redactDeep(task(refs, false))));
      expect(JSON.stringify(o)).toContain('<redacted>');
      // the copy holds the redacted list, not the rows
      expect(milestoneRowsOf(o.snapshots[0])).toBeUndefined();
    }
  });

  it('gives a time as Date#toISOString writes it back unredacted (milestone rows skip it)', () => {
    for (const ms of [-8.64e15, -62198755200000, -1, 0, 1e12, 253402300799999, 253402300800000, 8.64e15]) {
      const t = new Date(ms).toISOString();
      expect(redactSecrets(t)).toBe(t);
    }
  });

  it('gives an ISO time back as redactSecrets does', () => {
    for (const t of ['2026-11-19T22:01:03.000Z', '2026-11-19T22:01:03.000+', 'sig=aaaaaaaaaaaaaaaaaaaaaaaa', `${'9'.repeat(23)}Z`]) expect(redactDeep([t])[0]).toBe(redactSecrets(t));
  });

  it('copies a Date or a class instance as its fields, as before, and keeps a __proto__ key a key', () => {
    class Box {
      text = `get ${SAS}`;
    }
    const when = new Date(Date.UTC(2026, 10, 19));
    const v = JSON.parse(`{"__proto__": {"u": "${SAS}"}, "list": [1, null, "sig=${SIG}"]}`) as Record<string, unknown>;
    Object.assign(v, { when, box: new Box() });
    const out = JSON.stringify(redactDeep(v));
    expect(out).toBe(JSON.stringify(copyAll(v)));
    expect(out).toBe(`{"__proto__":{"u":"${SAS.replace(/\?.*/, '?<redacted>')}"},"list":[1,null,"sig=<redacted>"],"when":{},"box":{"text":"get ${SAS.replace(/\?.*/, '?<redacted>')}"}}`);
  });

  it('keeps a signature in a file name out of analyze --format json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-redact-deep-'));
    const ext = join(dir, 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux');
    mkdirSync(ext, { recursive: true });
    copyFileSync(join(ROOT, 'test/cases/ext-1868-freeze-never-thawed/files/extension.log'), join(ext, `extension.log?sv=2020-08-04&sig=${FILE_SIG}.log`));
    const out: string[] = [];
    expect(await main(['analyze', dir, '--format', 'json'], { stdout: (s) => void out.push(s), stderr: () => undefined })).toBe(0);
    const json = out.join('');
    expect(json).toContain('sig=<redacted>');
    expect(json).not.toContain(FILE_SIG);
  });
});
