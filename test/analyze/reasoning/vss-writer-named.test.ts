import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { vssWriterContext } from '../../../src/main/parse/windows/vss';
import { EVENT_VIEWER_LANGUAGES, type EventViewerKey } from '../../../src/shared/formats/event-viewer-labels';

const CASES = join(__dirname, '../../cases');
/** Event 8229 as Microsoft Japan's Azure Backup support quotes it (test/cases/win-jpabrs-csv-writer-8229-prepare-for-snapshot). */
const EXPORT = readFileSync(join(CASES, 'win-jpabrs-csv-writer-8229-prepare-for-snapshot', 'files', 'Application-event.txt'), 'utf8');
const DESCRIPTION = EXPORT.slice(EXPORT.indexOf('説明:') + '説明:'.length);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function freezeFinding(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'vss-writer-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'Application-event.txt'), text);
  const { result } = await analyzeBundle([dir]);
  return result.findings.find((f) => f.cause === 'fsfreeze-failed' && f.verdict === 'detected');
}

/**
 * A VSS writer's veto (event 8229) opens with a localised sentence naming an error code, for this writer `0x00000000,
 * The operation completed successfully.`: the finding names the writer and the phase it refused, from the event's
 * insertion strings, whatever language the export's labels are in.
 */
describe("a VSS writer's veto names the writer and the phase it refused", () => {
  it('the Japanese export the support blog quotes', async () => {
    const f = await freezeFinding(EXPORT);
    expect(f?.reason).toContain('failed: the Cluster Shared Volume VSS Writer rejected PrepareForSnapshot (event VSS 8229).');
    expect(f?.reasonNl).toContain('de Cluster Shared Volume VSS Writer weigerde PrepareForSnapshot (gebeurtenis VSS 8229).');
    for (const text of [f?.reason, f?.reasonNl]) expect(text).not.toContain('completed successfully');
  }, 60_000);

  // the same event under each language's labels of the table Event Viewer's text is read by
  for (const l of EVENT_VIEWER_LANGUAGES) {
    const label = (k: EventViewerKey) => l.labels[k]?.[0];
    if (!label('Source') || !label('Event ID') || !label('Description')) continue;
    it(`${l.lang}: the same event under its labels`, async () => {
      const head = [label('Log Name') && `${label('Log Name')}: Application`, `${label('Source')}: VSS`, `${label('Event ID')}: 8229`, `${label('Description')}:`].filter(Boolean).join('\n');
      const f = await freezeFinding(`${head}${DESCRIPTION}`);
      expect(f?.reason, l.lang).toContain('the Cluster Shared Volume VSS Writer rejected PrepareForSnapshot (event VSS 8229)');
    }, 60_000);
  }

  it("reads the insertion strings' labels as English and Japanese Windows write them, and as German Windows does", () => {
    expect(vssWriterContext(DESCRIPTION)).toEqual({ operation: 'PrepareForSnapshot', writer: 'Cluster Shared Volume VSS Writer' });
    // the VSS 8194 of duplicati/duplicati#1297 (test/cases/win-neg-duplicati-1297-vss-8194-german-writer-callback)
    const de = readFileSync(join(CASES, 'win-neg-duplicati-1297-vss-8194-german-writer-callback', 'files', 'Application.txt'), 'utf8');
    expect(vssWriterContext(de)).toEqual({ operation: 'Generatordaten werden gesammelt', writer: 'System Writer' });
    expect(vssWriterContext(DESCRIPTION.replace(/\n/g, '\r\n'))).toEqual({ operation: 'PrepareForSnapshot', writer: 'Cluster Shared Volume VSS Writer' });
    expect(vssWriterContext('Operation: failed\nWriter Name:\n')).toEqual({});
  });
});
