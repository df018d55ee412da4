import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { encodingOf, utf16Text } from '../../src/shared/formats/encoding';
import { ingest } from '../../src/main/ingest';
import { plainTexts } from '../../src/main/ingest/text-encoding';
import { BufferContent } from '../../src/main/ingest/content';
import type { IngestedFile } from '../../src/main/ingest/types';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { InProcessAnalysisService } from '../../src/main/worker/in-process';
import { ROOT } from '../helpers/paths';

/**
 * Windows saves text as UTF-16LE (PowerShell 5's `>`, Notepad's "Unicode", Event Viewer), Notepad adds a UTF-8 BOM:
 * the same log in any of these must read as the UTF-8 original. Real lines: WALinuxAgent#1007's waagent.log
 * (test/cases/waagent-1007-goalstate-xml-missing), the Microsoft Learn msiexec case (win-learn-agent-install-wmi).
 */
const CASES = join(ROOT, 'test', 'cases');
const WAAGENT = readFileSync(join(CASES, 'waagent-1007-goalstate-xml-missing', 'files', 'waagent.log'));
const tmp = mkdtempSync(join(tmpdir(), 'vmbd-enc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);
const le = (b: Buffer, bom = true) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(b.toString('utf8'), 'utf16le')]);
const be = (b: Buffer) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(b.toString('utf8'), 'utf16le').swap16()]);

function folderWith(name: string, bytes: Buffer): string {
  const dir = mkdtempSync(join(tmp, 'vm-'));
  writeFileSync(join(dir, name), bytes);
  return dir;
}

describe('encodingOf', () => {
  it('tells UTF-16 by its byte-order mark or its NULs, and a UTF-8 BOM', () => {
    expect(encodingOf(WAAGENT)).toBe('utf8');
    expect(encodingOf(Buffer.concat([BOM8, WAAGENT]))).toBe('utf8-bom');
    expect(encodingOf(le(WAAGENT))).toBe('utf16le');
    expect(encodingOf(le(WAAGENT, false))).toBe('utf16le');
    expect(encodingOf(be(WAAGENT))).toBe('utf16be');
    expect(encodingOf(be(WAAGENT).subarray(2))).toBe('utf16be');
  });

  it('binary content with NULs is not taken for UTF-16', () => {
    expect(encodingOf(Buffer.from(gzipSync(WAAGENT)))).toBe('utf8');
    expect(encodingOf(Buffer.alloc(600))).toBe('utf8');
    expect(encodingOf(Buffer.from([0x41, 0]))).toBe('utf8'); // too short to judge
  });

  it('decodes both byte orders with and without the mark', () => {
    const text = WAAGENT.toString('utf8');
    expect(utf16Text(le(WAAGENT), 'utf16le')).toBe(text);
    expect(utf16Text(le(WAAGENT, false), 'utf16le')).toBe(text);
    expect(utf16Text(be(WAAGENT), 'utf16be')).toBe(text);
  });
});

describe('ingest makes every file a parser reads plain UTF-8', () => {
  it('a UTF-16 or BOM waagent.log gives the same records and facts as the original', async () => {
    const plain = await analyzeBundle([folderWith('waagent.log', WAAGENT)]);
    for (const bytes of [le(WAAGENT), le(WAAGENT, false), be(WAAGENT), Buffer.concat([BOM8, WAAGENT])]) {
      const s = await analyzeBundle([folderWith('waagent.log', bytes)]);
      expect(s.result.stats.facts).toBe(plain.result.stats.facts);
      expect(s.records.count).toBe(plain.records.count);
      expect(JSON.stringify(s.result.findings)).toBe(JSON.stringify(plain.result.findings));
      expect(s.result.warnings).toEqual([]); // UTF-16 is how Windows saves text, not a fault
    }
  });

  it('the log view and the raw file show the text, not NULs', async () => {
    const a = new InProcessAnalysisService();
    const r = await a.open([folderWith('waagent.log', le(WAAGENT))], {});
    expect(r.ok).toBe(true);
    const page = await a.queryLogs({ offset: 0, limit: 5 });
    const first = WAAGENT.toString('utf8').split('\n')[0];
    expect(page.records[0].text).toBe(first);
    const raw = await a.readFile(0);
    expect(raw.text).toBe(WAAGENT.toString('utf8'));
  });

  it('a UTF-16 msiexec.log placed by its content is read like the original', async () => {
    const src = readFileSync(join(CASES, 'win-learn-agent-install-wmi', 'files', 'msiexec.log'));
    const plain = await analyzeBundle([folderWith('msiexec.log', src)]);
    const wide = await analyzeBundle([folderWith('msiexec.log', le(src))]);
    expect(wide.result.files.map((f) => f.kind)).toEqual(plain.result.files.map((f) => f.kind));
    expect(wide.result.stats.facts).toBe(plain.result.stats.facts);
    expect(plain.result.stats.facts).toBeGreaterThan(0);
  });

  it('a UTF-16 file over the cap keeps its newest part and says so', async () => {
    const { files } = await ingest([folderWith('waagent.log', le(WAAGENT))]);
    expect(files[0].content.size).toBe(WAAGENT.length); // converted by ingest
    // the same file before conversion, with a cap of 400 bytes (200 characters)
    const raw = le(WAAGENT);
    const f: IngestedFile = { ...files[0], content: new BufferContent(raw), size: raw.length, truncated: false, warnings: [] };
    await plainTexts([f], 400);
    const text = (await f.content.read(0, f.content.size)).toString('utf8');
    expect(f.truncated).toBe(true);
    expect(text).toBe(WAAGENT.toString('utf8').slice(-200));
    expect(f.warnings[0].message).toContain('per-file cap');
  });
});
