// The parsers' own sentences in the reader's language (issue 22, "Dutch throughout"): a parser's warning about a
// file and the details it gives facts are catalogue messages (src/shared/i18n/parse.ts). The English stays what
// the JSON has always carried; the Dutch report says them in Dutch. Every input is real: a case of test/cases and
// files of the public corpus in test/fixtures/corpus (WALinuxAgent's test data, the VMSnapshot extension's own
// vmbackup.conf), some of them cut short the way a crash or a full disk leaves them.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { buildReportModel, renderHtml } from '../../src/main/report';
import { esc } from '../../src/main/report/escape';
import { toCliJson } from '../../src/main/report/json';
import type { FactOf } from '../../src/shared';
import { renderAnalysis } from '../../src/shared/i18n/analysis';
import { parseBothWays } from '../helpers/waagent-facts';

const CORPUS = join('test', 'fixtures', 'corpus');
const CASE_812 = join('test', 'cases', 'waagent-812-extension-log-dir-deleted', 'files', 'waagent.log');

function put(root: string, rel: string, text: string | Buffer): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

/** A VM tree: case 812's waagent.log, the extension's vmbackup.conf, a lease file and an ExtensionsConfig both cut off. */
function bundle(): string {
  const root = mkdtempSync(join(tmpdir(), 'parser-texts-'));
  mkdirSync(join(root, 'var', 'log'), { recursive: true });
  copyFileSync(CASE_812, join(root, 'var', 'log', 'waagent.log'));
  // the extension's own file: `fsfreeze: True`, a key nothing reads
  put(root, 'etc/azure/vmbackup.conf', readFileSync(join(CORPUS, 'vmsnapshot', 'VMBackup', 'main', 'tempPlugin', 'vmbackup.conf')));
  // dhclient's leases, cut inside the first lease block
  put(root, 'var/lib/dhcp/dhclient.eth0.leases', readFileSync(join(CORPUS, 'waagent', 'tests', 'data', 'dhcp.leases'), 'utf8').split('\n').slice(0, 10).join('\n'));
  // an ExtensionsConfig cut in the middle
  const xml = readFileSync(join(CORPUS, 'waagent', 'tests', 'data', 'hibernate', 'goal_state_1', 'ExtensionsConfig.xml'), 'utf8');
  put(root, 'var/lib/waagent/ExtensionsConfig.1.xml', xml.slice(0, Math.floor(xml.length / 2)));
  return root;
}

describe("the parsers' warnings in the reader's language", () => {
  it('gives each warning a catalogue message whose English is the JSON text, and the Dutch report says it in Dutch', async () => {
    const { result } = await analyzeBundle([bundle()]);
    const parsed = result.warnings.filter((w) => w.note?.key.startsWith('parse.'));
    const keys = parsed.map((w) => w.note!.key);
    expect(keys).toEqual(expect.arrayContaining(['parse.vmbackup-dead-key', 'parse.lease-not-closed', 'parse.xml-malformed']));

    const dead = parsed.find((w) => w.note!.key === 'parse.vmbackup-dead-key')!;
    expect(dead.message).toBe('nothing reads "fsfreeze" in vmbackup.conf; freeze on/off comes from VMSnapshotScriptPluginConfig.json fsFreezeEnabled');
    expect(renderAnalysis(dead.note!, 'nl')).toBe('niets leest "fsfreeze" in vmbackup.conf; of er bevroren wordt, bepaalt fsFreezeEnabled in VMSnapshotScriptPluginConfig.json');
    const lease = parsed.find((w) => w.note!.key === 'parse.lease-not-closed')!;
    expect(lease.message).toBe('lease block not closed (truncated file)');
    expect(lease.line).toBe(1);

    // the JSON is the contract: the English message, as before (the note rides along, as ingest's do)
    const json = toCliJson(result).warnings;
    for (const w of parsed) expect(json).toContainEqual(expect.objectContaining({ message: w.message, note: w.note }));

    const nl = renderHtml(buildReportModel(result, { lang: 'nl', redact: false }));
    const en = renderHtml(buildReportModel(result, { lang: 'en', redact: false }));
    for (const w of parsed) {
      const dutch = renderAnalysis(w.note!, 'nl');
      expect(dutch).not.toBe(w.message);
      expect(nl).toContain(esc(dutch));
      expect(nl).not.toContain(esc(w.message));
      expect(en).toContain(esc(w.message));
    }
  }, 60_000);
});

describe("the parsers' fact details in the reader's language", () => {
  it("keeps the agent's lifecycle detail in English for the JSON and gives it in Dutch (case waagent-812)", async () => {
    // the case's line "2017/07/17 10:18:56.439857 INFO WALinuxAgent-2.2.10 did not terminate cleanly", read as an
    // object and as a row of the fact store (a big log's facts): the note must survive both
    const { objects, store } = await parseBothWays(readFileSync(CASE_812, 'utf8'));
    for (const facts of [objects, [...store]]) {
      const f = facts.find((x): x is FactOf<'agent-lifecycle'> => x.kind === 'agent-lifecycle' && x.event === 'not-terminated-cleanly');
      expect(f?.detail).toBe('WALinuxAgent-2.2.10 did not terminate cleanly');
      expect(f?.note && renderAnalysis(f.note, 'nl')).toBe('WALinuxAgent-2.2.10 is niet netjes afgesloten');
    }
  }, 60_000);

  it('says in Dutch which signal stopped the agent (the waagent catalogue\'s forwarding-signal sample)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signal-'));
    writeFileSync(join(dir, 'waagent.log'), '2021/03/30 21:00:00.000001 INFO Daemon Agent WALinuxAgent-2.2.45 forwarding signal 15 to WALinuxAgent-2.9.1.1\n');
    const { result } = await analyzeBundle([dir]);
    const f = result.findings.find((x) => x.cause === 'agent-not-running');
    expect(f?.reason).toBe('The agent was stopped (stop signal: signal 15 to WALinuxAgent-2.9.1.1) and not started again before the end of its log.');
    expect(f?.reasonNl).toBe('De agent werd gestopt (stopsignaal: signaal 15 aan WALinuxAgent-2.9.1.1) en niet opnieuw gestart vóór het einde van zijn log.');
  }, 60_000);
});
