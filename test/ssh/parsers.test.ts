import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleFile, CollectionFact, Fact, ProbeFact } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { buildReportModel, renderHtml } from '../../src/main/report';
import { BufferContent } from '../../src/main/ingest/content';
import { parseProbesJson } from '../../src/main/parse/ssh/probes-json';
import { parseCollectionManifest } from '../../src/main/parse/ssh/collection-manifest';
import { parserFor } from '../../src/main/parse/registry';
import { formatProbesJson, interpretProbe } from '../../src/main/ssh/probes';
import type { Parser } from '../../src/main/parse/types';
import { detailOf, renderAnalysis } from '../../src/shared/i18n/analysis';

async function parse(parser: Parser, vmPath: string, text: string | Buffer) {
  const facts: Fact[] = [];
  const warnings: { message: string; line?: number }[] = [];
  const file: BundleFile = { id: 0, vmPath, kind: 'other', size: text.length, truncated: false, origin: vmPath, input: 0, warnings: [] };
  await parser({ file, content: new BufferContent(Buffer.from(text)) }, { record: () => undefined, fact: (f) => facts.push(f), warn: (note, line) => warnings.push({ message: renderAnalysis(note, 'en'), line }) });
  return { facts, warnings };
}

const AT = Date.parse('2026-11-20T09:14:03Z');
const probesJson = formatProbesJson(
  [
    interpretProbe({ name: 'waagent-version', stdout: 'WALinuxAgent-2.2.45 running on ubuntu 20.04\nPython: 3.8.10\nGoal state agent: 2.9.1.1\nrc=0\n', exitCode: 0, durationMs: 80, receivedAtMs: AT }),
    interpretProbe({ name: 'wireserver', stdout: 'curl: (7) Failed to connect to 168.63.129.16 port 80\n__HTTP__000\nvia=curl\n', exitCode: 0, durationMs: 40, receivedAtMs: AT }),
    interpretProbe({ name: 'disk-free', stdout: 'Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/root 30297152 30280768 0 100% /\n/dev/sdb1 8191416 102400 7669588 2% /var\n', exitCode: 0, durationMs: 9, receivedAtMs: AT }),
    interpretProbe({ name: 'disk-sizes', stdout: JSON.stringify({ blockdevices: [{ name: 'sda', size: 32212254720, type: 'disk' }, { name: 'sr0', size: 1, type: 'rom' }] }), exitCode: 0, durationMs: 9, receivedAtMs: AT }),
  ],
  '2026-11-20T09:14:03.000Z',
);

describe('probes.json → probe, disk-space and disk-info facts', () => {
  it('is registered for its file kind', () => {
    expect(parserFor('probes-json')).toBe(parseProbesJson);
    expect(parserFor('collection-manifest')).toBe(parseCollectionManifest);
  });

  it('reads every probe with its own line as evidence', async () => {
    const { facts, warnings } = await parse(parseProbesJson, 'probes.json', probesJson);
    expect(warnings).toEqual([]);
    const probes = facts.filter((f) => f.kind === 'probe');
    expect(probes.map((p) => p.kind === 'probe' && [p.probe, p.ok, p.at.line])).toEqual([
      ['waagent-version', true, 2],
      ['wireserver', false, 3],
      ['disk-free', false, 4],
      ['disk-sizes', true, 5],
    ]);
    const ws = probes[1];
    expect(ws.at).toMatchObject({ file: 'probes.json', time: '2026-11-20T09:14:03.000Z', zone: 'utc' });
    expect(ws.at.text).toContain('"name":"wireserver"');
    expect(ws.timeMs).toBe(AT);
    const space = facts.filter((f) => f.kind === 'disk-space');
    expect(space.map((f) => f.kind === 'disk-space' && [f.mount, f.usedPercent, f.full])).toEqual([
      ['/', 100, true],
      ['/var', 2, false],
    ]);
    // the detail in both languages: the English the JSON had, and Dutch from the catalogue
    const full = space[0];
    expect(full.kind === 'disk-space' && [full.detail, full.note && renderAnalysis(full.note, 'nl')]).toEqual(['/: 100% used, 0 bytes available (live check)', '/: 100% in gebruik, 0 bytes vrij (controle op de VM)']);
    const disks = facts.filter((f) => f.kind === 'disk-info');
    expect(disks.map((f) => f.kind === 'disk-info' && [f.device, f.sizeBytes])).toEqual([['/dev/sda', 32212254720]]);
  });

  it("says each check's finding in both languages, made again from its data (probes.json keeps its English)", async () => {
    const { facts } = await parse(parseProbesJson, 'probes.json', probesJson);
    const probes = facts.filter((f): f is ProbeFact => f.kind === 'probe');
    expect(probes.map((p) => [p.detail, renderAnalysis(p.note!, 'en'), renderAnalysis(p.note!, 'nl')])).toEqual([
      ['WALinuxAgent 2.2.45, goal state agent 2.9.1.1', 'WALinuxAgent 2.2.45, goal state agent 2.9.1.1', 'WALinuxAgent 2.2.45, doelstatusagent 2.9.1.1'],
      [
        'WireServer 168.63.129.16:80 unreachable: curl: (7) Failed to connect to 168.63.129.16 port 80',
        'WireServer 168.63.129.16:80 unreachable: curl: (7) Failed to connect to 168.63.129.16 port 80',
        'WireServer 168.63.129.16:80 onbereikbaar: "curl: (7) Failed to connect to 168.63.129.16 port 80"',
      ],
      ['/ 100% used, 0 B free; /var 2% used, 7.31 GiB free', '/ 100% used, 0 B free; /var 2% used, 7.31 GiB free', '/ 100% in gebruik, 0 B vrij; /var 2% in gebruik, 7.31 GiB vrij'],
      ['sda 30.00 GiB', 'sda 30.00 GiB', 'sda 30.00 GiB'],
    ]);
  });

  it('the VM\'s own words stay text: quoted in a Dutch reason, escaped in the report; data that does not fit quotes the detail', async () => {
    // a VM that answers the curl check with markup of its own
    const hostile = interpretProbe({ name: 'wireserver', stdout: 'curl: (7) <img src=x onerror=alert(1)>\n__HTTP__000\nvia=curl\n', exitCode: 0, durationMs: 40, receivedAtMs: AT });
    const odd = { name: 'disk-free', ok: false, detail: '/ 100% used <b>now</b>', data: { mounts: [{ mount: '/', usedPercent: '100' }] }, durationMs: 9 };
    const root = mkdtempSync(join(tmpdir(), 'probes-nl-'));
    writeFileSync(join(root, 'probes.json'), formatProbesJson([hostile, odd as never], '2026-11-20T09:14:03.000Z'));
    writeFileSync(join(root, 'manifest.json'), JSON.stringify({ schemaVersion: 1, tool: 'vmbackup-doctor', host: 'vm-backup-demo-01', collectedAt: '2026-11-20T09:14:03.000Z', files: [], incomplete: false }));
    const { result } = await analyzeBundle([root]);
    const wire = result.findings.find((f) => f.cause === 'no-network-wireserver')!;
    expect(wire.reasonNl).toBe('De controle op de VM kon wireserver (168.63.129.16) niet bereiken: WireServer 168.63.129.16:80 onbereikbaar: "curl: (7) <img src=x onerror=alert(1)>"');
    const html = renderHtml(buildReportModel(result, { lang: 'nl', redact: true }));
    expect(html).toContain('onbereikbaar: &quot;curl: (7) &lt;img src=x onerror=alert(1)&gt;&quot;');
    expect(html).not.toContain('<img src=x');
    const { facts } = await parse(parseProbesJson, 'probes.json', formatProbesJson([odd as never], '2026-11-20T09:14:03.000Z'));
    const f = facts.find((x): x is ProbeFact => x.kind === 'probe')!;
    expect(renderAnalysis(f.note!, 'nl')).toBe('"/ 100% used <b>now</b>"');
  });

  it('a cut-off file keeps the whole probe lines and warns', async () => {
    const cut = probesJson.slice(0, probesJson.indexOf('"name":"disk-sizes"') + 30);
    const { facts, warnings } = await parse(parseProbesJson, 'probes.json', cut);
    expect(facts.filter((f) => f.kind === 'probe').map((f) => f.kind === 'probe' && f.probe)).toEqual(['waagent-version', 'wireserver', 'disk-free']);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/not valid JSON.*salvaging/);
    expect(warnings.some((w) => w.line === 5)).toBe(true);
  });

  it('hostile content: binary, wrong shapes, odd names, huge data → no crash, nothing invented', async () => {
    expect((await parse(parseProbesJson, 'probes.json', Buffer.from([0xff, 0xfe, 0, 1, 2, 0x7b]))).facts).toEqual([]);
    const odd = JSON.stringify({ schemaVersion: 1, probes: [{ name: '../../etc', ok: true }, { name: 'imds', ok: 'yes', detail: 5, data: [1] }, { name: 'disk-free', ok: true, data: { mounts: [{ mount: '/', usedPercent: '100', availableBytes: 0 }] } }, { name: 'big', ok: true, data: { x: 'a'.repeat(40000) } }, null] });
    const { facts, warnings } = await parse(parseProbesJson, 'probes.json', odd);
    expect(facts.map((f) => f.kind === 'probe' && [f.probe, f.ok, f.detail, f.data])).toEqual([
      ['imds', null, '', undefined],
      ['disk-free', true, '', { mounts: [{ mount: '/', usedPercent: '100', availableBytes: 0 }] }],
      ['big', true, '', undefined],
    ]);
    expect(warnings.length).toBeGreaterThanOrEqual(3);
  });
});

describe('manifest.json → collection fact', () => {
  const manifest = (over: Record<string, unknown> = {}) =>
    JSON.stringify({ schemaVersion: 1, tool: 'vmbackup-doctor', host: 'vm-backup-demo-01', user: 'azureuser', hostKeyFingerprint: 'SHA256:Ta839yAbc', collectedAt: '2026-11-20T09:14:03.000Z', privilege: 'sudo-password', files: [{ path: 'var/log/waagent.log' }], incomplete: false, ...over }, null, 2);

  it('a complete collection', async () => {
    const { facts, warnings } = await parse(parseCollectionManifest, 'manifest.json', manifest());
    expect(warnings).toEqual([]);
    expect(facts).toEqual([
      expect.objectContaining({ kind: 'collection', host: 'vm-backup-demo-01', user: 'azureuser', hostKeyFingerprint: 'SHA256:Ta839yAbc', collectedAt: '2026-11-20T09:14:03.000Z', incomplete: false, timeMs: AT, detail: '1 file collected' }),
    ]);
    expect(facts[0].at).toMatchObject({ file: 'manifest.json', line: 14, text: '"incomplete": false' });
  });

  it('an incomplete one says why, and warns; without root it warns too', async () => {
    const { facts, warnings } = await parse(parseCollectionManifest, 'manifest.json', manifest({ incomplete: true, reason: 'the connection was lost after 2097152 bytes', privilege: 'none' }));
    expect(facts[0]).toMatchObject({ incomplete: true, detail: 'incomplete: the connection was lost after 2097152 bytes (1 file arrived)' });
    // the same in Dutch from the catalogue, the collector's English reason quoted
    expect(renderAnalysis(detailOf(facts[0] as CollectionFact), 'nl')).toBe('onvolledig: "the connection was lost after 2097152 bytes" (1 bestand aangekomen)');
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/incomplete/), expect.stringMatching(/without root/)]);
  });

  it('someone else\'s manifest.json, or garbage, yields nothing', async () => {
    expect((await parse(parseCollectionManifest, 'manifest.json', JSON.stringify({ name: 'npm-thing', version: '1.0.0' }))).facts).toEqual([]);
    const bad = await parse(parseCollectionManifest, 'manifest.json', '{"tool":"vmbackup-doctor","host":');
    expect(bad.facts).toEqual([]);
    expect(bad.warnings[0].message).toMatch(/not valid JSON/);
  });
});
