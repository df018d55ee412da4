/**
 * Issue 20 point 4: no input can reach Object.prototype. A `[__proto__]` section in vmbackup.conf set
 * Object.prototype keys (analyze printed a portal code nobody typed; the app's reused worker carried it into
 * later bundles). Every key-value structure built from input is a Map or a null-prototype object; here every
 * parser in the registry reads INI, JSON, XML and key=value text with `__proto__`, `constructor` and
 * `prototype` keys and sections, then the whole pipeline, the report model and every export run on a bundle
 * holding them, and Object.prototype must be as it was.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { BundleFile, FileKind } from '../../src/shared';
import { PARSERS } from '../../src/main/parse/registry';
import { BufferContent } from '../../src/main/ingest/content';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { renderReport } from '../../src/main/report';
import { main } from '../../src/main/cli';
import { pathFor } from './parser-paths';

const INI = '[__proto__]\npolluted = yes\nportalCode = UserErrorPolluted\n[constructor]\nprototype = yes\n[SnapshotThread]\n__proto__ = yes\nconstructor = yes\nprototype = yes\n';
const KV = '__proto__=yes\nconstructor=yes\nprototype=yes\npolluted=yes\nID=__proto__\n';
// a JSON text (an object literal's `__proto__:` would set the literal's prototype instead of a key)
const JSON_DOC =
  '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}},' +
  ' "runtimeSettings": [{"handlerSettings": {"__proto__": {"polluted": "yes"}, "publicSettings": {"constructor": {"prototype": {"polluted": "yes"}}}}}],' +
  ' "aggregateStatus": {"handlerAggregateStatus": [{"handlerName": "__proto__", "runtimeSettingsStatus": {"settingsStatus": {"status": {"__proto__": {"polluted": "yes"}}}}}]}}';
const XML = '<?xml version="1.0"?><__proto__ polluted="yes"><constructor><prototype polluted="yes">yes</prototype></constructor><Plugins><Plugin name="__proto__" version="constructor" /></Plugins></__proto__>';
const INPUTS = [INI, KV, JSON_DOC, XML];

const before = Object.getOwnPropertyNames(Object.prototype).sort();
function assertClean(where: string) {
  expect(Object.getOwnPropertyNames(Object.prototype).sort(), where).toEqual(before);
  const probe = {} as Record<string, unknown>;
  for (const k of ['polluted', 'portalCode', 'prototype', 'yes']) expect(probe[k], `${where}: Object.prototype.${k}`).toBeUndefined();
}
afterEach(() => {
  // never let a failure here leak into other tests in this worker
  for (const k of Object.getOwnPropertyNames(Object.prototype)) if (!before.includes(k)) delete (Object.prototype as Record<string, unknown>)[k];
});

describe('no input reaches Object.prototype', () => {
  it('every parser, on INI, key=value, JSON and XML with __proto__/constructor/prototype keys and sections', async () => {
    for (const kind of Object.keys(PARSERS) as FileKind[]) {
      for (const text of INPUTS) {
        const data = Buffer.from(text);
        const file: BundleFile = { id: 0, vmPath: pathFor(kind), kind, size: data.length, truncated: false, origin: 'proto', input: 0, warnings: [] };
        await PARSERS[kind]!({ file, content: new BufferContent(data) }, { record: () => {}, fact: () => {}, warn: () => {} });
        assertClean(`${kind} on ${text.slice(0, 20)}`);
      }
    }
  });

  const dir = mkdtempSync(join(tmpdir(), 'vmbd-proto-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the pipeline, the report model and every export of a bundle holding them', async () => {
    const root = join(dir, 'bundle');
    const put = (p: string, text: string) => {
      mkdirSync(join(root, p, '..'), { recursive: true });
      writeFileSync(join(root, p), text);
    };
    put('etc/azure/vmbackup.conf', INI);
    put('etc/waagent.conf', KV);
    put('etc/os-release', KV);
    put('var/lib/waagent/ExtensionsConfig.3.xml', XML);
    put('var/lib/waagent/GoalState.3.xml', XML);
    put('var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/config/3.settings', JSON_DOC);
    put('var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/status/3.status', JSON_DOC);
    put('var/lib/waagent/VmSettings.3.json', JSON_DOC);
    put('var/lib/waagent/waagent_status.3.json', JSON_DOC);
    put('etc/azure/VMSnapshotScriptPluginConfig.json', JSON_DOC);
    const { result } = await analyzeBundle([root]);
    assertClean('analyzeBundle');
    expect(result.verdict.portalCodes ?? []).not.toContain('UserErrorPolluted');
    for (const format of ['html', 'md', 'json', 'jsonl'] as const) {
      await renderReport(result, { format, lang: 'en', redact: true, pseudonymize: true }, async () => Buffer.alloc(0));
      assertClean(`export ${format}`);
    }
    const out: string[] = [];
    expect(await main(['analyze', root, '--format', 'json'], { stdout: (s) => void out.push(s), stderr: () => undefined })).toBe(0);
    assertClean('CLI json');
    expect(out.join('')).not.toContain('UserErrorPolluted"');
  }, 60_000);
});
