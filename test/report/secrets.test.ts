import { describe, expect, it, beforeAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/main/cli';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { buildReportModel, renderHtml, renderJsonl, renderMarkdown } from '../../src/main/report';
import { toCliJson } from '../../src/main/report/json';
import { sampleResult } from './fixture';
import { CHROMIUM, HAVE_POPPLER, pdfText } from './pdf-helpers';

/**
 * A bundle seeded with the secrets a real one carries (SAS URLs in waagent.log and ExtensionsConfig,
 * protectedSettings in the goal state and the handler's .settings file, the backup extension's
 * snapshotTaskToken and DD token lines): no report or export may contain any of them.
 */
const SIG = 'Q2hlY2tTaWduYXR1cmVTZWNyZXQ%3D';
const PROTECTED = 'MIIB8AYJKoZIhvcNAQcDoIIB4TCCAd0CAQAxggFpMIIBZQIBADBNMDkxNzA1BgoJkiaJk';
const TASK_TOKEN = 'b7f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5-snaptoken';
const DD_TOKEN = 'ddtok-9f8e7d6c5b4a39281706';
const FILE_SIG = 'FileNameSig0123456789';
const SECRETS = [SIG, PROTECTED, TASK_TOKEN, DD_TOKEN, FILE_SIG, 'Q2hlY2tTaWduYXR1cmVTZWNyZXQ'];

const HANDLER = 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux';
const SAS = `https://md-hdd-abc123.blob.core.windows.net/$system/vm-backup-demo-01.3f4e.status?sv=2018-03-28&sr=b&sk=system-1&sig=${SIG}&se=9999-01-01T00%3A00%3A00Z&sp=rw`;

function writeBundle(): string {
  const root = mkdtempSync(join(tmpdir(), 'vmbd-secrets-'));
  const put = (p: string, s: string) => {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), s);
  };
  put('etc/hostname', 'vm-backup-demo-01\n');
  put(
    'var/log/waagent.log',
    [
      '2026-11-19T21:59:58.120331Z INFO ExtHandler ExtHandler Fetched a new incarnation for the WireServer goal state [incarnation 15]',
      `2026-11-19T21:59:58.221003Z INFO ExtHandler ExtHandler Status blob: ${SAS}`,
      `2026-11-19T21:59:58.301900Z WARNING ExtHandler ExtHandler Failed to upload status blob: [HttpError] PUT ${SAS} -- 403 AuthenticationFailed`,
      `2026-11-19T21:59:59.004101Z INFO ExtHandler ExtHandler handlerSettings {"protectedSettingsCertThumbprint": "8E4C5F0D7A1B2C3D", "protectedSettings": "${PROTECTED}", "publicSettings": {}}`,
      `2026-11-19T22:00:00.512004Z INFO ExtHandler [${HANDLER}-1.0.9225.0] Target handler state: enabled [incarnation 15]`,
      `2026-11-19T22:01:17.310200Z ERROR ExtHandler [${HANDLER}-1.0.9225.0] Enable failed, upload to ${SAS} not attempted`,
      '',
    ].join('\n'),
  );
  put(
    'var/lib/waagent/ExtensionsConfig.15.xml',
    `<?xml version="1.0" encoding="utf-8"?>
<Extensions version="1.0.0.0" goalStateIncarnation="15"><GuestAgentExtension xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
<GAFamilies><GAFamily><Name>Prod</Name><Uris><Uri>https://umsa1b2c3.blob.core.windows.net/a/Prod_uscentral_manifest.xml</Uri></Uris></GAFamily></GAFamilies>
<Plugins><Plugin name="${HANDLER}" version="1.0.9225.0" location="https://umsa.blob.core.windows.net/x.xml" state="enabled" autoUpgrade="false" runAsStartupTask="false" isJson="true" useExactVersion="true" /></Plugins>
<PluginSettings><Plugin name="${HANDLER}" version="1.0.9225.0"><RuntimeSettings seqNo="15">{"runtimeSettings":[{"handlerSettings":{"protectedSettingsCertThumbprint":"8E4C5F0D7A1B2C3D","protectedSettings":"${PROTECTED}","publicSettings":{"locale":"en-us","taskId":"7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41","commandToExecute":"snapshot","commandStartTimeUTCTicks":"639001080000000000","vmType":"microsoft.compute/virtualmachines"}}}]}</RuntimeSettings></Plugin></PluginSettings>
<StatusUploadBlob statusBlobType="PageBlob">${SAS.replace(/&/g, '&amp;')}</StatusUploadBlob></GuestAgentExtension></Extensions>
`,
  );
  put(
    `var/lib/waagent/${HANDLER}-1.0.9225.0/config/15.settings`,
    `{"runtimeSettings":[{"handlerSettings":{"protectedSettingsCertThumbprint":"8E4C5F0D7A1B2C3D","protectedSettings":"${PROTECTED}","publicSettings":{"taskId":"7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41","logsBlobUri":"${SAS}","statusBlobUri":"${SAS}"}}}]}`,
  );
  put(
    `var/log/azure/${HANDLER}/extension.log`,
    [
      `2026-11-19 23:00:04.512000 [${HANDLER}-1.0]Calling do snapshot method`,
      `2026-11-19 23:00:04.513000 [${HANDLER}-1.0]snapshotTaskToken : ${TASK_TOKEN}`,
      `2026-11-19 23:00:04.514000 [${HANDLER}-1.0]hostIp : 168.63.129.16`,
      `2026-11-19 23:00:04.600000 [${HANDLER}-1.0]Host Request body {"taskId": "7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41", "snapshotTaskToken": "${TASK_TOKEN}"}`,
      `2026-11-19 23:00:13.601000 [${HANDLER}-1.0]T:S freeze, timeout value 60`,
      `2026-11-19 23:01:14.880000 [${HANDLER}-1.0]freeze timed-out`,
      `2026-11-19 23:01:14.881000 [${HANDLER}-1.0]T:S ###### Enable failed with error: freeze took longer than timeout StatusCode.FailedRetryableFsFreezeTimeout,`,
      `2026-11-19 23:01:15.100000 [${HANDLER}-1.0]ddSnapshotIdentifier Information from Host- creationTime : 1763593275000, id : 42, token : ${DD_TOKEN}, instantAccessDurationMinutes : Not Set`,
      `2026-11-19 23:01:16.000000 [${HANDLER}-1.0]Exception while uploading logs to ${SAS}`,
      '',
    ].join('\n'),
  );
  // Even a file name can carry a signature (a saved upload URL).
  put(`var/log/azure/${HANDLER}/upload?sv=2020-08-04&sig=${FILE_SIG}.log`, `failed upload of ${SAS}\n`);
  return root;
}

function expectNoSecrets(text: string, what: string) {
  for (const s of SECRETS) expect(text, `${what} contains ${s}`).not.toContain(s);
  expect(text, what).not.toMatch(/sig(?:=|%3D)(?!<redacted>|&lt;redacted&gt;|\\<redacted)[A-Za-z0-9%]/i);
}

describe('no secret leaves the app', () => {
  let bundle: string;
  let out: string;
  beforeAll(() => {
    bundle = writeBundle();
    out = mkdtempSync(join(tmpdir(), 'vmbd-secrets-out-'));
  });

  it('in the analysis of the seeded bundle itself, the raw secrets exist (the test can fail)', async () => {
    const { result } = await analyzeBundle([bundle]);
    const raw = JSON.stringify(result);
    expect(raw).toContain(FILE_SIG); // at least the file name reaches the result unredacted
    const model = buildReportModel(result, { lang: 'en', redact: true });
    expectNoSecrets(JSON.stringify(model.result), 'redacted model');
    expectNoSecrets(renderHtml(model), 'html');
    expectNoSecrets(renderMarkdown(model), 'md');
    expectNoSecrets(renderJsonl(model), 'jsonl');
    expectNoSecrets(JSON.stringify(toCliJson(model.result)), 'json');
  });

  it.each(['html', 'md', 'json', 'jsonl'] as const)('report --out x.%s from the CLI has none of them', async (ext) => {
    const file = join(out, `report.${ext}`);
    const err: string[] = [];
    const code = await main(['report', bundle, '--out', file, '--lang', 'nl'], { stdout: () => undefined, stderr: (s) => void err.push(s) });
    expect(code, err.join('')).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.length).toBeGreaterThan(100);
    expectNoSecrets(text, ext);
  });

  it.skipIf(!CHROMIUM || !HAVE_POPPLER)('report --out x.pdf has none of them', async () => {
    const file = join(out, 'report.pdf');
    const code = await main(['report', bundle, '--out', file, '--pseudonymize'], { stdout: () => undefined, stderr: () => undefined });
    expect(code).toBe(0);
    const pdf = readFileSync(file);
    expectNoSecrets(pdf.toString('latin1'), 'pdf bytes');
    const text = pdfText(pdf);
    expectNoSecrets(text, 'pdf text');
    expect(text).not.toContain('vm-backup-demo-01');
  }, 90_000);

  it('every export of a result whose evidence carries the secrets is clean, and --no-redact really keeps them', async () => {
    const seeded = sampleResult({ inject: ` ${SAS} "protectedSettings": "${PROTECTED}" snapshotTaskToken : ${TASK_TOKEN} token : ${DD_TOKEN}` });
    for (const lang of ['en', 'nl'] as const) {
      const m = buildReportModel(seeded, { lang, redact: true });
      expectNoSecrets(renderHtml(m), `html ${lang}`);
      expectNoSecrets(renderMarkdown(m), `md ${lang}`);
      expectNoSecrets(renderJsonl(m), `jsonl ${lang}`);
      expectNoSecrets(JSON.stringify(toCliJson(m.result)), `json ${lang}`);
      expect(renderHtml(m)).toContain('?&lt;redacted&gt;');
    }
    const open = renderHtml(buildReportModel(seeded, { lang: 'en', redact: false }));
    expect(open).toContain(TASK_TOKEN);
    expect(open).toContain('Redaction was turned OFF');
  });
});

describe('pseudonyms in the report', () => {
  it('replace the hostname everywhere and consistently, keep the Azure constants and versions', () => {
    const r = sampleResult({ inject: ' from 10.1.0.4 via 168.63.129.16 for user azureuser' });
    const m = buildReportModel(r, { lang: 'en', redact: true, pseudonymize: true });
    const html = renderHtml(m);
    expect(html).not.toMatch(/vm-backup-demo-01/i);
    expect(html).not.toContain('10.1.0.4');
    expect(html).not.toContain('azureuser');
    expect(html).toContain('host-1');
    expect(html).toContain('168.63.129.16');
    expect(html).toContain('2.9.1.1');
    expect(html).toContain('2.2.53.1');
    expect(m.result.vm.hostname).toBe('host-1');
    // the same address gets the same pseudonym in every string
    const ips = new Set([...JSON.stringify(m.result).matchAll(/from (ipv4-\d+)/g)].map((x) => x[1]));
    expect(ips.size).toBe(1);
    expect(html).toContain('consistent pseudonyms');
  });
});
