import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eachEvidenceLine, eachPlaced, FactIndex } from '../../src/main/analyze/facts-index';
import { FactStore, literalAlternation, nextGuid, type FactDraft, type TextTest } from '../../src/main/records/fact-store';
import { RecordStore } from '../../src/main/records/store';
import { BufferContent } from '../../src/main/ingest/content';
import { CORPUS, ROOT } from '../helpers/paths';
import type { Fact } from '../../src/shared';
import { parseBothWays, plainFact, WAAGENT_VM_PATH } from '../helpers/waagent-facts';

const caseLogs = readdirSync(join(ROOT, 'test', 'cases'))
  .map((c) => join(ROOT, 'test', 'cases', c, 'files', 'waagent.log'))
  .filter((p) => {
    try {
      readFileSync(p);
      return true;
    } catch {
      return false;
    }
  });

describe('FactStore', () => {
  it('gives the same facts, in the same order, as the parser builds as objects (every waagent.log of test/cases and the corpus records)', async () => {
    let rows = 0;
    for (const path of [...caseLogs, join(CORPUS, 'waagent', 'extracted', 'waagent_log_record_samples.log')]) {
      const { objects, store } = await parseBothWays(readFileSync(path, 'utf8'));
      expect([...store].map(plainFact), path).toEqual(objects);
      for (let i = 0; i < store.length; i++) if (store.isRow(i)) rows++;
    }
    // most facts of these logs are read from a record's first line: rows, not objects
    expect(rows).toBeGreaterThan(100);
  });

  it('reads a fact by position as the built fact and the index answer (FactIndex.eachRead, FactStore.fieldOf)', async () => {
    let rows = 0;
    for (const path of [...caseLogs, join(CORPUS, 'waagent', 'extracted', 'waagent_log_record_samples.log')]) {
      const { store } = await parseBothWays(readFileSync(path, 'utf8'));
      const index = new FactIndex(store);
      const kinds = [...new Set([...store].map((f) => f.kind))];
      const built: Fact[] = [];
      index.eachOf(kinds, (f) => void built.push(f));
      let k = 0;
      index.eachRead(kinds, (r) => {
        const f = built[k++];
        expect(r.kind).toBe(f.kind);
        for (const key of [...Object.keys(f), 'recovered', 'noSuchField']) {
          if (key !== 'at' && key !== 'timeMs') expect(r.field(key), `${path} ${f.kind}.${key}`).toEqual((f as unknown as Record<string, unknown>)[key]);
        }
        expect(r.timeMs).toBe(f.timeMs);
        expect(r.hasTime()).toBe(index.hasTime(f));
        expect(r.zone()).toBe(index.zoneOf(f));
        expect(r.at()).toEqual(f.at);
        if (index.isRow(f)) rows++;
      });
      expect(k, path).toBe(built.length);
    }
    expect(rows).toBeGreaterThan(100);
  });

  it('reads the kind codes a page at a time as it reads them fact by fact, across pages (eachOfCodes, kindCodeColumn)', () => {
    const store = new FactStore(new RecordStore([]), []);
    const kinds = ['agent-heartbeat', 'goal-state', 'connectivity'] as const;
    // (past two pages of 65,536, in an order that is no period of a page)
    const n = 150_000;
    for (let i = 0; i < n; i++) store.push({ kind: kinds[(i * i) % 3], timeMs: i, at: { file: 'f', line: i, time: null, text: '' } } as unknown as Fact);
    const column = store.kindCodeColumn();
    expect(column.length).toBe(n);
    let differ = 0;
    for (let i = 0; i < n; i++) if (column[i] !== store.kindCodeOf(i)) differ++;
    expect(differ).toBe(0);
    const wanted = new Uint8Array(store.kindCodes);
    wanted[store.kindCodeOf(1)] = 1;
    const seen: number[] = [];
    store.eachOfCodes(wanted, (i, code) => {
      if (code === store.kindCodeOf(i)) seen.push(i);
    });
    const want = Array.from({ length: n }, (_, i) => i).filter((i) => store.kindOf(i) === store.kindOf(1));
    expect(want.length).toBeGreaterThan(n / 2);
    expect(seen).toEqual(want);
  });

  it('tells each fact\'s evidence line and kind as the built facts do (eachEvidenceLine, eachPlaced)', async () => {
    let rows = 0;
    for (const path of [...caseLogs, join(CORPUS, 'waagent', 'extracted', 'waagent_log_record_samples.log')]) {
      const { store, records } = await parseBothWays(readFileSync(path, 'utf8'));
      const built = [...store];
      // every line a fact was read from, and no other (a record's rows in a row are told once)
      const want = new Set(built.map((f) => `${f.at.file}\n${f.at.line}`));
      const got = new Set<string>();
      eachEvidenceLine(
        store,
        (file, line) => got.add(`${file}\n${line}`),
        (record, fileId, line) => {
          expect(records.fileOf(record)).toBe(fileId);
          expect(records.lineOf(record)).toBe(line);
          got.add(`${WAAGENT_VM_PATH}\n${line}`);
          rows++;
        },
      );
      expect(got, path).toEqual(want);
      const kinds = ['goal-state', 'agent-heartbeat', 'connectivity'] as const;
      const placed: [number, string][] = [];
      eachPlaced(store, kinds, (pos, k) => placed.push([pos, kinds[k]]));
      expect(placed, path).toEqual(built.flatMap((f, i) => ((kinds as readonly string[]).includes(f.kind) ? [[i, f.kind]] : [])));
    }
    expect(rows).toBeGreaterThan(100);
  });

  it('a row follows its record when the clock of a local-time file is shifted', async () => {
    // a 2.2.45 agent writes VM-local time (test/cases/waagent-680-two-dns-servers-as-endpoint)
    const text = readFileSync(join(ROOT, 'test', 'cases', 'waagent-680-two-dns-servers-as-endpoint', 'files', 'waagent.log'), 'utf8');
    const { objects, store, records } = await parseBothWays(text);
    const row = [...Array(store.length).keys()].find((i) => store.isRow(i) && store.get(i).at.zone === 'local');
    expect(row).toBeDefined();
    // (a row fact reads its record when asked: take the values before the shift)
    const before = plainFact(store.get(row!));
    records.applyOffset(0, 60);
    const after = store.get(row!);
    expect(after.timeMs).toBe(before.timeMs - 3_600_000);
    expect(after.at).toMatchObject({ zone: 'local-inferred', time: new Date(before.timeMs - 3_600_000).toISOString(), line: before.at.line });
    expect(objects[row!].timeMs).toBe(before.timeMs);
  });

  it('keeps a repeated HTTP failure as rows that build equal facts at their own times', async () => {
    // the host plugin heartbeat failure as the agent repeats it (test/fixtures/corpus/waagent/extracted/waagent_log_record_samples.log)
    const line = 'WARNING MonitorHandler ExtHandler Error in SendHostPluginHeartbeat: [HttpError] [HTTP Failed] GET http://168.63.129.16:32526/health -- IOError timed out -- 1 attempts made --- [NOTE: Will not log the same error for the next hour]';
    const text = Array.from({ length: 50 }, (_, k) => `2022-09-30T${String(2 + Math.floor(k / 60)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}:33.134649Z ${line}\n`).join('');
    const { objects, store } = await parseBothWays(text);
    expect(store.length).toBe(50);
    const facts = [...store];
    expect(facts.map(plainFact)).toEqual(objects);
    expect(new Set(facts.map((f) => f.timeMs)).size).toBe(50);
    expect(facts.every((f) => f.kind === 'connectivity' && f.endpoint === 'hostgaplugin' && !f.ok)).toBe(true);
    // an index over the store answers like one over the objects
    const a = new FactIndex(store);
    const b = new FactIndex(objects);
    expect(a.of('connectivity').map(plainFact)).toEqual(b.of('connectivity'));
    expect(plainFact(a.last('connectivity')!)).toEqual(b.last('connectivity'));
    expect(a.all.filter((f) => f.timeMs > facts[9].timeMs).map(plainFact)).toEqual(b.all.filter((f) => f.timeMs > facts[9].timeMs));
  });

  it("orders an index's kinds by time as one over the objects does: in order, with the clock stepping back, and untimed", async () => {
    // (the host plugin heartbeat failure of the test above)
    const line = 'WARNING MonitorHandler ExtHandler Error in SendHostPluginHeartbeat: [HttpError] [HTTP Failed] GET http://168.63.129.16:32526/health -- IOError timed out -- 1 attempts made --- [NOTE: Will not log the same error for the next hour]';
    const at = (m: number) => `2022-09-30T03:${String(m).padStart(2, '0')}:33.134649Z ${line}\n`;
    const minutes = [[1, 2, 3, 4], [5, 6, 2, 7], [1, 2, 3]];
    for (const [k, list] of minutes.entries()) {
      // the last list with an untimed record between its facts (a line without a time is a record of its own here)
      const text = list.map((m, j) => (k === 2 && j === 1 ? `no time here\n${at(m)}` : at(m))).join('');
      const { objects, store } = await parseBothWays(text);
      const a = new FactIndex(store);
      const b = new FactIndex(objects);
      expect(a.of('connectivity').map(plainFact), text).toEqual(b.of('connectivity'));
      expect(a.series('connectivity').timed).toBe(b.series('connectivity').timed);
    }
  });

  it('keeps goal-state failures that differ only in their correlation IDs as one template, and gives each its own text', async () => {
    // the vmSettings failure as a broken agent repeats it, a new correlation ID each time (test/fixtures/corpus/waagent/extracted/waagent_log_record_samples.log)
    const line =
      'ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] GET vmSettings [correlation ID: 2bed9b62-188e-4668-b1a8-87c35cfa4927 eTag: 7031887032544600793]: [Internal error in HostGAPlugin] [HTTP Failed] [502: Bad Gateway] b\'{  "errorCode": "VMArtifactsProfileBlobContentNotFound",  "message": "VM artifacts profile blob has no content in it.",  "details": ""}\'';
    const id = (k: number) => `${(0x2bed9b62 + k * 7919).toString(16).padStart(8, '0')}-188e-4668-b1a8-${(0x87c35cfa4927 + k).toString(16)}`;
    const text = Array.from({ length: 300 }, (_, k) => `2022-02-09T${String(4 + Math.floor(k / 60)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}:37.384810Z ${line.replace('2bed9b62-188e-4668-b1a8-87c35cfa4927', id(k))}\n`).join('');
    const { objects, store } = await parseBothWays(text);
    const facts = [...store].map(plainFact);
    expect(facts).toEqual(objects);
    const details = facts.flatMap((f) => (f.kind === 'goal-state-error' ? [f.detail] : []));
    expect(details).toHaveLength(300);
    expect(new Set(details).size).toBe(300);
    expect(details[299]).toContain(`[correlation ID: ${id(299)} eTag:`);
    // one template shared by the 300 texts (and the connectivity facts' own), not a string per failure
    expect(store['strings'].length).toBeLessThan(10);
  });

  it('keeps a goal state\'s id `incarnation_<n>` as its number and gives back the same text, through a batch too', () => {
    const ids = ['incarnation_0', 'incarnation_7', 'incarnation_15', 'incarnation_1073741823', 'incarnation_1073741824', 'incarnation_99999999999', 'incarnation_007', 'incarnation_', 'Incarnation_5', 'incarnation_5a', 'incarnation 5', 'incarnation_-1', 'xincarnation_5', 'incarnation_12345678901234567890'];
    const buf = Buffer.from(`${'x\n'.repeat(ids.length)}`);
    const records = new RecordStore([{ vmPath: WAAGENT_VM_PATH, content: new BufferContent(buf) }]);
    for (let k = 0; k < ids.length; k++) records.add(0, { line: k + 1, lineCount: 1, offset: 2 * k, length: 1, timeMs: 1_700_000_000_000 + k, zone: 'utc', level: 'info', source: 'ExtHandler' });
    const store = new FactStore(records, [{ vmPath: WAAGENT_VM_PATH }]);
    const rowLayout = store.layoutOf({ kind: 'goal-state', event: 'fetched', id: 'incarnation_1', incarnation: 1 });
    ids.forEach((id, k) => {
      // both ways a parser writes a row: a draft, and its values by layout
      if (k % 2) store.pushAtRecord({ kind: 'goal-state', event: 'fetched', id }, k, 1);
      else expect(store.pushRowAtRecord(rowLayout, ['goal-state', 'fetched', id, k], k, 1)).toBe(true);
    });
    const read = (s: FactStore) => Array.from({ length: s.length }, (_, i) => s.fieldOf(i, 'id'));
    expect(read(store)).toEqual(ids);
    expect([...store].map((f) => (f as { id?: string }).id)).toEqual(ids);
    // only the ids that are not a number in canonical form are interned
    expect(store['strings'].filter((x: string) => x.startsWith('incarnation_'))).toEqual(['incarnation_1073741824', 'incarnation_99999999999', 'incarnation_007', 'incarnation_', 'incarnation_5a', 'incarnation_-1', 'incarnation_12345678901234567890']);
    const merged = new FactStore(records, [{ vmPath: WAAGENT_VM_PATH }]);
    merged.pushAtRecord({ kind: 'goal-state', event: 'fetched', id: 'other' }, 0, 1);
    merged.addBatch(store.toBatch(), 0, 0);
    expect(read(merged)).toEqual(['other', ...ids]);
  });

  it('reads each HTTP failure of texts that differ in their correlation IDs and elsewhere, alternating', async () => {
    // the vmSettings failure of the tests above, with a 502 and a 503 (as long), a fresh correlation ID each time
    const line =
      'ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] GET vmSettings [correlation ID: 2bed9b62-188e-4668-b1a8-87c35cfa4927 eTag: 7031887032544600793]: [Internal error in HostGAPlugin] [HTTP Failed] [502: Bad Gateway]';
    const id = (k: number) => `${(0x2bed9b62 + k * 7919).toString(16).padStart(8, '0')}-188e-4668-b1a8-${(0x87c35cfa4927 + k).toString(16)}`;
    const codes = Array.from({ length: 60 }, (_, k) => (k % 3 === 1 ? 503 : 502));
    const text = codes.map((code, k) => `2022-02-09T04:${String(k).padStart(2, '0')}:37.384810Z ${line.replace('2bed9b62-188e-4668-b1a8-87c35cfa4927', id(k)).replace('502:', `${code}:`)}\n`).join('');
    const { objects, store } = await parseBothWays(text);
    expect([...store].map(plainFact)).toEqual(objects);
    const details = objects.flatMap((f) => (f.kind === 'connectivity' ? [f.detail] : []));
    expect(details).toEqual(codes.map((code) => `[HTTP Failed] [${code}: Bad Gateway]`));
  });

  it('gives back texts that differ from a recent one only in their GUIDs, the GUIDs\' case and places, through batches taken between them', () => {
    const records = new RecordStore([{ vmPath: WAAGENT_VM_PATH, content: new BufferContent(Buffer.from('x\n'.repeat(400))) }]);
    for (let k = 0; k < 400; k++) records.add(0, { line: k + 1, lineCount: 1, offset: 2 * k, length: 1, timeMs: 1_700_000_000_000 + k, zone: 'utc', level: 'error', source: 'ExtHandler' });
    const base = 'Error fetching the goal state: [ProtocolError] GET vmSettings [correlation ID: G1 eTag: 5]: [HTTP Failed] [502: Bad Gateway] G2';
    const lower = '2bed9b62-188e-4668-b1a8-87c35cfa4927';
    // lower, upper, no letters, mixed (kept as written), a near miss (a `g` where a digit stands: no GUID), a dash moved
    const guids = [lower, lower.toUpperCase(), '00000000-1111-2222-3333-444455556666', '2bED9b62-188e-4668-b1a8-87c35cfa4927', '2bed9b62-188e-4668-b1a8-87c35cfa492g', '2bed9b621-88e-4668-b1a8-87c35cfa4927'];
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const fresh = (g: string) => g.replace(/[0-9a-f]/g, (c) => (c === '-' ? c : '0123456789abcdef'[(parseInt(c, 16) + rand(16)) % 16]));
    const texts = Array.from({ length: 400 }, () => {
      const a = fresh(guids[rand(guids.length)]);
      const b = fresh(guids[rand(guids.length)]);
      // (now and then another text around them, of the same length)
      return (rand(5) === 0 ? base.replace('502: Bad Gateway', '503: Unavailable') : base).replace('G1', a).replace('G2', b);
    });
    const store = new FactStore(records, [{ vmPath: WAAGENT_VM_PATH }]);
    const layout = store.layoutOf({ kind: 'goal-state-error', detail: '' });
    const merged = new FactStore(records, [{ vmPath: WAAGENT_VM_PATH }]);
    let from = 0;
    texts.forEach((t, k) => {
      expect(store.pushRowAtRecord(layout, ['goal-state-error', t], k, 1)).toBe(true);
      // a parse worker's chunk ends now and then, in the middle of a run of one template
      if (rand(40) === 0) {
        merged.addBatch(store.takeBatch(), 0, from);
        from = k + 1;
      }
    });
    merged.addBatch(store.takeBatch(), 0, from);
    expect(Array.from({ length: merged.length }, (_, i) => merged.fieldOf(i, 'detail'))).toEqual(texts);
    // lower- and upper-case GUIDs as holes: a few templates, not a string per text
    expect(merged['strings'].length).toBeLessThan(120);
  });

  it('merges batches across page ends as if every fact had been pushed to one store (rows, values, templates, objects)', () => {
    // more facts and tuples than a page holds (65,536), in batches that start and end inside pages, after a few facts
    // of the store's own: every column the merge writes a page at a time crosses a page end somewhere
    const n = 100_000;
    const records = new RecordStore([{ vmPath: WAAGENT_VM_PATH, content: new BufferContent(Buffer.from('x\n'.repeat(n))) }]);
    for (let k = 0; k < n; k++) records.add(0, { line: k + 1, lineCount: 1, offset: 2 * k, length: 1, timeMs: 1_700_000_000_000 + k, zone: 'utc', level: 'info', source: 'ExtHandler' });
    const guid = (k: number) => `${(0x2bed9b62 + k * 7919).toString(16).padStart(8, '0').slice(-8)}-188e-4668-b1a8-87c35cfa4927`;
    const draft = (sample: object) => sample as unknown as FactDraft;
    const object = (k: number): Fact => ({ kind: 'agent-era', era: 'utc', at: { file: WAAGENT_VM_PATH, line: k + 1, time: null, zone: 'none', text: `era ${k}` }, timeMs: NaN }) as unknown as Fact;
    const files = [{ vmPath: WAAGENT_VM_PATH }];
    const whole = new FactStore(records, files);
    const worker = new FactStore(records, files);
    const merged = new FactStore(records, files);
    for (const s of [whole, merged]) {
      s.pushAtRecord(draft({ kind: 'agent-heartbeat', counter: 1, version: 'own' }), 0, 1);
      s.push(object(0));
    }
    // (each store's layouts, as a parser asks for them)
    const layouts = (s: FactStore) => [
      s.layoutOf(draft({ kind: 'agent-heartbeat', counter: 0, version: '' })),
      s.layoutOf(draft({ kind: 'goal-state-error', detail: '' })),
      -1,
      s.layoutOf(draft({ kind: 'goal-state', event: 'fetched', id: 'incarnation_1', incarnation: 1 })),
    ];
    const [wholeLayouts, workerLayouts] = [layouts(whole), layouts(worker)];
    const values = (k: number): unknown[] => {
      switch (k % 4) {
        case 0:
          return ['agent-heartbeat', k, `2.2.${k % 50}`];
        case 1:
          return ['goal-state-error', `Error fetching the goal state [correlation ID: ${guid(k)}] ${k % 3}`];
        case 2:
          return ['agent-heartbeat', k, 'x', k + 0.5];
        default:
          return ['goal-state', 'fetched', `incarnation_${k}`, k];
      }
    };
    let from = 1;
    let last = 1;
    let refused = 0;
    for (let k = 1; k < n; k++) {
      // two facts of some records, a record read twice out of order once (the merged rows' order test)
      const record = k === 90_000 ? 5 : k;
      const facts = k % 5 === 0 ? 2 : 1;
      for (let f = 0; f < facts; f++) {
        const v = values(k + f);
        if ((k + f) % 4 === 2) {
          // (a value that is not a uint32 is kept in `values`: only a draft can give it)
          const d = draft({ kind: v[0], counter: v[1], version: v[2], ratio: v[3] });
          whole.pushAtRecord(d, record, 1 + (k % 9));
          worker.pushAtRecord(d, record - from, 1 + (k % 9));
          continue;
        }
        if (!whole.pushRowAtRecord(wholeLayouts[(k + f) % 4], v, record, 1 + (k % 9))) refused++;
        if (!worker.pushRowAtRecord(workerLayouts[(k + f) % 4], v, record - from, 1 + (k % 9))) refused++;
      }
      // an object fact in one batch only (its rows then merged one by one)
      if (k === 70_001) {
        whole.push(object(k));
        worker.push(object(k));
      }
      if (k - last >= 40_000 + (k % 7)) {
        merged.addBatch(worker.takeBatch(), 0, from);
        from = k + 1;
        last = k;
      }
    }
    merged.addBatch(worker.takeBatch(), 0, from);
    expect(refused).toBe(0);
    expect(merged.length).toBe(whole.length);
    // (one comparison per column: a call of expect per fact takes far longer than the merge)
    const read = (s: FactStore, fn: (i: number) => unknown) => Array.from({ length: s.length }, (_, i) => fn(i));
    const columns = (s: FactStore) => ({
      kind: read(s, (i) => s.kindOf(i)),
      record: read(s, (i) => (s.isRow(i) ? s.rowRecord(i) : -1)),
      length: read(s, (i) => (s.isRow(i) ? s.evidenceOf(i).textAt?.length : -1)),
      ...Object.fromEntries(['counter', 'version', 'detail', 'ratio', 'event', 'id', 'incarnation', 'era'].map((key) => [key, read(s, (i) => s.fieldOf(i, key))])),
    });
    const [a, b] = [columns(merged), columns(whole)];
    for (const [key, col] of Object.entries(b)) expect(a[key as keyof typeof a].findIndex((v, i) => v !== col[i]), key).toBe(-1);
    const code = [...Array(whole.kindCodes).keys()].find((c) => whole.kindOfCode(c) === 'goal-state')!;
    // the record read out of order: rows no longer in time order, both ways
    expect(merged.rowsInTimeOrder(code, 3, 4)).toBe(false);
    expect(whole.rowsInTimeOrder(code, 3, 4)).toBe(false);
  });

  it('gives back a GUID in its own case: lower, upper, no letters, or mixed (kept as written)', async () => {
    // the vmSettings failure of the test above, its correlation ID written each way
    const line =
      'ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] GET vmSettings [correlation ID: 2bed9b62-188e-4668-b1a8-87c35cfa4927 eTag: 7031887032544600793]: [Internal error in HostGAPlugin] [HTTP Failed] [502: Bad Gateway] b\'{  "errorCode": "VMArtifactsProfileBlobContentNotFound",  "message": "VM artifacts profile blob has no content in it.",  "details": ""}\'';
    const ids = ['2bed9b62-188e-4668-b1a8-87c35cfa4927', '2BED9B62-188E-4668-B1A8-87C35CFA4927', '00000000-1111-2222-3333-444455556666', '2bED9b62-188e-4668-b1a8-87c35cfa4927', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'FfFfFfFf-0000-0000-0000-000000000000'];
    // two GUIDs in one text, of different cases
    const texts = [...ids.map((id) => line.replace('2bed9b62-188e-4668-b1a8-87c35cfa4927', id)), line.replace('eTag: 7031887032544600793', `eTag: ${ids[1]}`)];
    const text = texts.map((t, k) => `2022-02-09T04:0${k}:37.384810Z ${t}\n`).join('');
    const { objects, store } = await parseBothWays(text);
    const facts = [...store].map(plainFact);
    expect(facts).toEqual(objects);
    const details = facts.flatMap((f) => (f.kind === 'goal-state-error' ? [f.detail] : []));
    expect(details).toHaveLength(texts.length);
    ids.forEach((id, k) => expect(details[k]).toContain(`[correlation ID: ${id} eTag:`));
    expect(details[6]).toContain(`[correlation ID: ${ids[0]} eTag: ${ids[1]}]`);
  });
  it('finds the GUIDs the regex finds, at the same places (runs of dashes, hex and near misses)', () => {
    const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;
    const walk = (s: string): number[] => {
      const out: number[] = [];
      for (let at = nextGuid(s, 0); at >= 0; at = nextGuid(s, at + 36)) out.push(at);
      return out;
    };
    // characters a GUID is made of, and those that break one (a letter past f, a dash, a space, a non-ASCII one)
    const alphabet = '0123456789abcdefABCDEF-----gG Zé';
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const guid = () => '2bed9b62-188e-4668-b1a8-87c35cfa4927';
    for (let k = 0; k < 3000; k++) {
      let s = '';
      const len = rand(120);
      while (s.length < len) s += rand(8) === 0 ? guid().slice(rand(36)) : rand(10) === 0 ? guid() : alphabet[rand(alphabet.length)];
      expect(walk(s), s).toEqual([...s.matchAll(GUID)].map((m) => m.index));
    }
    expect(walk('x2bed9b62-188e-4668-b1a8-87c35cfa4927-188e-4668-b1a8-87c35cfa4927')).toEqual([1]);
  });
  it('answers a test of a row\'s texts once per distinct text, as the fact\'s own texts answer it', async () => {
    const VMSETTINGS = literalAlternation(['vmSettings', '[ResourceGoneError]', '[410: Gone]', 'HTTP Retry'], 'i');
    let calls = 0;
    const counted = (t: Omit<TextTest, 'test'>, test: TextTest['test']): TextTest => ({ ...t, test: (a, b) => (calls++, test(a, b)) });
    const tests = [
      counted({ keys: ['detail'], fenced: true }, (d) => d !== undefined && VMSETTINGS.test(d)),
      counted({ keys: ['url', 'detail'], fenced: true }, (u, d) => VMSETTINGS.test(`${u ?? ''} ${d}`)),
      // (not fenced: a GUID may hold 410, so a text with GUIDs is tested whole)
      counted({ keys: ['detail'], fenced: false }, (d) => d !== undefined && /ResourceGone|410/i.test(d)),
      counted({ keys: ['event'], fenced: false }, (e) => e === 'fetched'),
      counted({ keys: ['version', 'counter'], fenced: false }, (v, c) => `${v}/${c}` === '2.2.47/undefined'),
    ];
    // every case's waagent.log, and a broken agent's vmSettings failures with a fresh correlation ID each (the test above)
    const line =
      'ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] GET vmSettings [correlation ID: 2bed9b62-188e-4668-b1a8-87c35cfa4927 eTag: 7031887032544600793]: [Internal error in HostGAPlugin] [HTTP Failed] [502: Bad Gateway] b\'{  "errorCode": "VMArtifactsProfileBlobContentNotFound",  "message": "VM artifacts profile blob has no content in it.",  "details": ""}\'';
    const id = (k: number) => `${(0x2bed9b62 + k * 7919).toString(16).padStart(8, '0')}-188e-4668-b1a8-${(0x87c35cfa4927 + k).toString(16)}`;
    const failures = Array.from({ length: 300 }, (_, k) => `2022-02-09T04:${String(k % 60).padStart(2, '0')}:37.384810Z ${line.replace('2bed9b62-188e-4668-b1a8-87c35cfa4927', k % 3 ? id(k) : id(k).toUpperCase())}\n`).join('');
    let answered = 0;
    let facts = 0;
    for (const text of [...caseLogs.map((p) => readFileSync(p, 'utf8')), failures]) {
      const { objects, store } = await parseBothWays(text);
      facts += store.length;
      for (let i = 0; i < store.length; i++) {
        const f = objects[i] as unknown as Record<string, string | undefined>;
        for (const t of tests) {
          const a = store.answer(i, t);
          if (a !== undefined) answered++;
          const own = t.keys.length === 2 ? t.test(f[t.keys[0]], f[t.keys[1]]) : t.test(f[t.keys[0]]);
          expect(a ?? own, `${i} ${t.keys.join()} ${JSON.stringify(f)}`).toBe(own);
        }
      }
    }
    expect(answered).toBeGreaterThan(facts);
    // the 300 failures: two templates (lower- and upper-case IDs) for the fenced tests, 300 texts for the other
    calls = 0;
    const { store } = await parseBothWays(failures);
    const gsErrors = [...Array(store.length).keys()].filter((i) => store.kindOf(i) === 'goal-state-error');
    expect(gsErrors).toHaveLength(300);
    for (const i of gsErrors) expect(store.answer(i, tests[0])).toBe(true);
    expect(calls).toBe(2);
    for (const i of gsErrors) expect(store.answer(i, tests[2])).toBeUndefined();
  });

  it('keeps an answer for the rows of one tuple (a repeated message), not for another tuple nor an object fact', async () => {
    // the host plugin heartbeat failure repeated (the test above), then the goal-state failure with two correlation IDs
    const hb = 'WARNING MonitorHandler ExtHandler Error in SendHostPluginHeartbeat: [HttpError] [HTTP Failed] GET http://168.63.129.16:32526/health -- IOError timed out -- 1 attempts made';
    const gs = 'ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] GET vmSettings [correlation ID: 2bed9b62-188e-4668-b1a8-87c35cfa4927 eTag: 1]: [HTTP Failed] [502: Bad Gateway]';
    const lines = [hb, hb, hb, gs, gs.replace('2bed9b62', '3bed9b62')];
    const { store } = await parseBothWays(lines.map((l, k) => `2022-09-30T02:0${k}:33.134649Z ${l}\n`).join(''));
    const key = {};
    const rows = [...Array(store.length).keys()].filter((i) => store.isRow(i));
    const hbRows = rows.filter((i) => store.kindOf(i) === 'connectivity' && store.rowLine(i) <= 3);
    const gsRows = rows.filter((i) => store.kindOf(i) === 'goal-state-error');
    expect(hbRows).toHaveLength(3);
    expect(gsRows).toHaveLength(2);
    expect(store.tupleAnswer(hbRows[0], key)).toBeUndefined();
    store.keepTupleAnswer(hbRows[0], key, true);
    expect(hbRows.map((i) => store.tupleAnswer(i, key))).toEqual([true, true, true]);
    store.keepTupleAnswer(gsRows[0], key, false);
    expect(gsRows.map((i) => store.tupleAnswer(i, key))).toEqual([false, undefined]);
    expect(store.tupleAnswer(hbRows[0], {})).toBeUndefined();
    store.push({ kind: 'goal-state-error', detail: 'x' } as never);
    store.keepTupleAnswer(store.length - 1, key, true);
    expect(store.tupleAnswer(store.length - 1, key)).toBeUndefined();
  });

  it('keeps at most 65,536 answers of a test, and answers past them as the fact does', async () => {
    // a goal-state error whose text differs each time (no GUID to template): 70,000 distinct texts
    const text = Array.from({ length: 70_000 }, (_, k) => `2022-02-09T04:00:00.${String(k).padStart(6, '0')}Z ERROR ExtHandler ExtHandler Error fetching the goal state: attempt ${k}\n`).join('');
    const { store } = await parseBothWays(text);
    const t: TextTest = { keys: ['detail'], fenced: true, test: (d) => d!.endsWith('7') };
    let yes = 0;
    for (let i = 0; i < store.length; i++) {
      const a = store.answer(i, t);
      expect(a).toBe((store.get(i) as { detail: string }).detail.endsWith('7'));
      if (a) yes++;
    }
    expect(yes).toBe(7_000);
    expect((store['answers'] as Map<TextTest, Map<number, boolean>>).get(t)!.size).toBe(65_536);
  });

  it('builds only regexes that cannot touch a GUID, whose answer a text\'s template gives', () => {
    for (const bad of ['410', 'Gone', 'a1', '-x', 'x-', 'Ended', '', 'x\u0000y', 'x'.repeat(36)]) expect(() => literalAlternation([bad, 'ok'])).toThrow();
    const re = literalAlternation(['vmSettings', '[410: Gone]', 'HTTP Retry', '(a.b)', 'x*y'], 'i');
    expect(re.test('a [410: gone] b')).toBe(true);
    expect(re.test('(A.B)')).toBe(true);
    expect(re.test('(acb)')).toBe(false);
    expect(re.test('xxxy')).toBe(false);
    // texts of the literals' pieces and GUIDs next to them: the text and its template (each GUID one hole) agree
    const pieces = ['vmSettings', '[410: Gone]', 'HTTP Retry', 'vmSett', 'ings', '[410', ': Gone]', 'HTTP', ' Retry', ' ', 'e', '4', '-', ']'];
    const guid = '2bed9b62-188e-4668-b1a8-87c35cfa4927';
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let k = 0; k < 3000; k++) {
      let s = '';
      let template = '';
      for (let n = rand(8); n >= 0; n--) {
        if (rand(3) === 0) {
          const g = rand(2) ? guid : guid.toUpperCase();
          s += g;
          template += '\u0000';
        } else {
          const p = pieces[rand(pieces.length)];
          s += p;
          template += p;
        }
      }
      expect(re.test(template), s).toBe(re.test(s));
    }
  });
});
