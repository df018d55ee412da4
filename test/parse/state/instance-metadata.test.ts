import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classify } from '../../../src/main/ingest/classify';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';
import { only, parse } from './run-parser';

/**
 * A sosreport's copy of what IMDS answered its azure plugin: the compute document at the root (sos 4.x asks
 * `/metadata/instance/compute`) or under `compute` (sos 3.x asked `/metadata/instance`). Real document: Microsoft Learn's
 * sample (test/fixtures/platform/SOURCE.md).
 */
const PATH = 'sos_commands/azure/instance_metadata.json';
const COMPUTE = readFileSync(join(__dirname, '..', '..', 'fixtures', 'platform', 'imds-compute-linux.json'), 'utf8');
const NAMING = { location: 'westus', vmSize: 'Standard_A3', osType: 'Linux', vmId: '02aab8a4-74ef-476e-8182-f6d2ba4166a6', name: 'examplevmname', zone: '3' };

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-imds-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("a sosreport's instance_metadata.json", () => {
  it('is its own kind at its sos path', () => {
    expect(classify(PATH)).toBe('instance-metadata-json');
  });

  it.each([
    ['sos 4.x: the compute document', COMPUTE],
    ['sos 3.x: the instance document, compute under `compute`', `{"compute":${COMPUTE},"network":{"interface":[]}}`],
  ])('%s: IMDS answered, and the fields that name the VM are kept, no keys or tags', async (_label, text) => {
    const p = await parse(PATH, text);
    const [probe] = only(p, 'probe');
    expect(only(p, 'probe')).toHaveLength(1);
    expect(probe).toMatchObject({ probe: 'imds', ok: true, data: { httpStatus: 200, ...NAMING } });
    expect(Object.keys(probe.data!).sort()).toEqual(['httpStatus', 'via', ...Object.keys(NAMING)].sort());
    expect(probe.at.text).toContain('"vmId"');
    expect(renderAnalysis(probe.note!, 'en')).toMatch(/IMDS/);
    expect(renderAnalysis(probe.note!, 'nl')).toMatch(/IMDS/);
    expect(p.warnings).toEqual([]);
  });

  it('says nothing when sos got no answer (curl -s printed nothing), and warns when it is not JSON', async () => {
    expect((await parse(PATH, '')).facts).toEqual([]);
    const cut = await parse(PATH, COMPUTE.slice(0, 300));
    expect(cut.facts).toEqual([]);
    expect(cut.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^instance_metadata\.json not read: /)]);
    // another JSON document saved under that name (no vmId) is no IMDS answer
    expect((await parse(PATH, '{"error":"Bad request. api-version is invalid"}')).facts).toEqual([]);
  });

  it('in a sosreport tree it is read and changes no finding', async () => {
    const top = join(tmp, 'sosreport-vm1-2026-12-04-abcdefg');
    mkdirSync(join(top, 'sos_commands', 'azure'), { recursive: true });
    mkdirSync(join(top, 'var', 'log'), { recursive: true });
    const log = readFileSync(join(__dirname, '..', '..', 'cases', 'waagent-2684-openssl-conf-no-value', 'files', 'waagent.log'));
    writeFileSync(join(top, 'var', 'log', 'waagent.log'), log);
    const without = (await analyzeBundle([top])).result;
    writeFileSync(join(top, PATH), COMPUTE);
    const { result } = await analyzeBundle([top]);
    expect(result.files.find((f) => f.vmPath === PATH)?.kind).toBe('instance-metadata-json');
    expect(result.findings.map((f) => [f.cause, f.verdict, f.confidence])).toEqual(without.findings.map((f) => [f.cause, f.verdict, f.confidence]));
  });
});
