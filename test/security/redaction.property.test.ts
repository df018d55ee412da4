/**
 * Issue 20 point 5 / issue 22 point 1: every secret kind is redacted in every output. Each kind is planted
 * in every string field of an analysis result (appended, so the field keeps its own text too), and every
 * output is rendered: `analyze --format text|json|md` (through the CLI's own code path: the pipeline is
 * replaced by one returning the planted result), the report as HTML (also what the PDF prints), Markdown,
 * JSON and JSONL, and "Copy line". Every output is scanned byte-wise for the secret value (and its
 * JSON/HTML-escaped forms). fast-check then plants random kinds into random fields, several at once.
 *
 * `analyze --format json` leaked `"password": "…"` because it redacted after JSON.stringify had escaped
 * the value's quotes; the result is now redacted before it is serialised.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { AnalysisResult, ExportRequest } from '../../src/shared';
import { redactSecrets } from '../../src/shared/redact';
import { sampleResult } from '../report/fixture';

const planted = vi.hoisted(() => ({ result: undefined as unknown }));
vi.mock('../../src/main/pipeline/analyze-bundle', async (orig) => ({
  ...(await orig<object>()),
  analyzeBundle: async () => ({ result: structuredClone(planted.result), records: undefined, files: [] }),
}));

const { main } = await import('../../src/main/cli');
const { scrub: waagentScrub } = await import('../../src/main/parse/waagent/scrub');
const { scrub: vmsnapshotScrub, evidenceText: vmsnapshotEvidence } = await import('../../src/main/parse/vmsnapshot/scrub');
const { SecretScrubber } = await import('../../src/main/ssh/scrub');
const { evidenceText } = await import('../../src/shared/clip');
const { renderReport } = await import('../../src/main/report');
const { redactLine } = await import('../../src/renderer/util/redact');

/** [kind, text carrying the secret, the secret value that must never appear]. Values are distinctive. */
export const SECRET_KINDS: [string, string, string][] = [
  ['bearer', 'Authorization: Bearer QmVhcmVyVG9rZW5WYWx1ZTk4NzY1', 'QmVhcmVyVG9rZW5WYWx1ZTk4NzY1'],
  ['jwt', 'token=x eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.SldUU2lnbmF0dXJlVmFsdWUxMjM', 'SldUU2lnbmF0dXJlVmFsdWUxMjM'],
  ['jwt alone', 'got eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.QWxvbmVKV1RTaWduYXR1cmU5OQ in reply', 'QWxvbmVKV1RTaWduYXR1cmU5OQ'],
  ['client_secret', 'POST body grant_type=client_credentials&client_secret=ClientSecretValue4711&scope=x', 'ClientSecretValue4711'],
  ['private key', 'key: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUPRIVKEY42\n-----END OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUPRIVKEY42'],
  ['access_token query', 'GET https://login.example/cb?access_token=AccessTokenValue0815&state=1', 'AccessTokenValue0815'],
  ['access_token json', '{"access_token": "JsonAccessToken0816", "expires_in": 3599}', 'JsonAccessToken0816'],
  ['sasToken', '{"sasToken": "SasTokenValue0817", "x": 1}', 'SasTokenValue0817'],
  ['secret', '{"secret": "PlainSecretValue0818"}', 'PlainSecretValue0818'],
  ['clientSecret', '{"clientSecret": "ClientSecretJson0819"}', 'ClientSecretJson0819'],
  ['pwd=', 'mount -o username=u,pwd=PwdValue0820 //srv/share', 'PwdValue0820'],
  ['passwd:', 'passwd: PasswdValue0821', 'PasswdValue0821'],
  ['password json', '{"password": "PasswordJson0822"}', 'PasswordJson0822'],
  ['url userinfo', 'proxy https://backup:UrlPassword0823@proxy.example:3128/', 'UrlPassword0823'],
  ['SharedAccessKey', 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManage;SharedAccessKey=SharedAccessKey0824=', 'SharedAccessKey0824'],
  ['Basic', 'Authorization: Basic QmFzaWNDcmVkZW50aWFsMDgyNQ==', 'QmFzaWNDcmVkZW50aWFsMDgyNQ'],
  ['sig double-encoded', 'redirect=https%3A%2F%2Facct.blob.core.windows.net%2Fc%3Fsv%3D2020%26sig%253DDoubleEncodedSig0826', 'DoubleEncodedSig0826'],
  ['sig', 'PUT https://acct.blob.core.windows.net/vhds/os.vhd?sv=2020-08-04&sr=b&sig=PlainSasSig0827&se=2026', 'PlainSasSig0827'],
  ['nested protectedSettings', '{"protectedSettings": {"storage": {"key": "NestedProtected0828"}, "x": {"y": {"z": 1}}}, "publicSettings": {}}', 'NestedProtected0828'],
  ['snapshotTaskToken', 'snapshotTaskToken : TaskTokenValue0829', 'TaskTokenValue0829'],
  ['AccountKey', 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=AccountKeyValue0830;', 'AccountKeyValue0830'],
];

/** Fields that are identifiers or enums the renderers look up (a secret there would only break the lookup). */
const ENUM_KEYS = new Set(['cause', 'kind', 'lane', 'severity', 'verdict', 'result', 'confidence', 'role', 'lang', 'platform', 'zone', 'schemaVersion', 'effectiveStatus', 'milestone', 'path', 'id', 'format', 'time', 'start', 'end', 'requestedStart', 'collectedAt', 'analyzedAt', 'lastTime', 'startedAt', 'endedAt', 'at', 'since', 'until']);

/** Every string field of `v` (path as keys), except the enum ones. */
function stringPaths(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof v === 'string') {
    const key = path[path.length - 1];
    if (typeof key !== 'string' || !ENUM_KEYS.has(key)) out.push(path);
  } else if (Array.isArray(v)) v.forEach((x, i) => stringPaths(x, [...path, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) stringPaths(x, [...path, k], out);
  return out;
}

function plant(r: AnalysisResult, paths: (string | number)[][], text: (i: number) => string): AnalysisResult {
  const c = structuredClone(r) as unknown as Record<string | number, unknown>;
  paths.forEach((p, i) => {
    let o = c as Record<string | number, unknown>;
    for (const k of p.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
    o[p[p.length - 1]] = `${o[p[p.length - 1]] as string} ${text(i)}`;
  });
  return c as unknown as AnalysisResult;
}

/** Every output a secret could leave through, as bytes. */
async function outputs(r: AnalysisResult): Promise<[string, Buffer][]> {
  planted.result = r;
  const out: [string, Buffer][] = [];
  for (const format of ['text', 'json', 'md']) {
    const chunks: string[] = [];
    const code = await main(['analyze', 'planted', '--format', format], { stdout: (s) => void chunks.push(s), stderr: (s) => void chunks.push(s) });
    expect(code, `analyze --format ${format}: ${chunks.join('')}`).toBe(0);
    out.push([`analyze --format ${format}`, Buffer.from(chunks.join(''))]);
  }
  for (const format of ['html', 'md', 'json', 'jsonl'] as const) {
    const req: ExportRequest = { format, lang: 'en', redact: true };
    out.push([`report ${format}`, await renderReport(r, req, async () => Buffer.alloc(0))]);
  }
  const lines = stringPaths(r).map((p) => p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], r) as string);
  out.push(['copy line', Buffer.from(lines.map(redactLine).join('\n'))]);
  return out;
}

/** The value and the forms an output could carry it in (JSON-escaped, HTML-escaped, percent-encoded). */
function forms(secret: string): Buffer[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])].map((s) => Buffer.from(s));
}

function leaks(outs: [string, Buffer][], secrets: string[]): string[] {
  const found: string[] = [];
  for (const [name, bytes] of outs) for (const s of secrets) if (forms(s).some((f) => bytes.includes(f))) found.push(`${name}: ${s}`);
  return found;
}

describe('every secret kind is redacted in every field of every output', () => {
  const base = sampleResult();
  const paths = stringPaths(base);

  it('the kinds are secrets to the redactor itself', () => {
    for (const [kind, text, secret] of SECRET_KINDS) expect(redactSecrets(text), kind).not.toContain(secret);
  });

  it('every scrubber (parsers, evidence clippers, SSH, copy line) is the one redactor: same kinds, one marker', () => {
    const ssh = new SecretScrubber();
    const all: [string, (s: string) => string][] = [
      ['shared', redactSecrets],
      ['waagent', waagentScrub],
      ['vmsnapshot', vmsnapshotScrub],
      ['vmsnapshot evidence', vmsnapshotEvidence],
      ['shared evidence', (t) => evidenceText(t, 10_000)],
      ['ssh', (t) => ssh.scrub(t)],
      ['copy line', redactLine],
    ];
    const pieces = fc.oneof(fc.constantFrom(...SECRET_KINDS.map(([, t]) => t)), fc.string({ maxLength: 12 }), fc.constantFrom(' ', '\n', '"', ',', '&'));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const text = parts.join(' '); // secrets in real text are separated from what precedes them
        for (const [name, f] of all) {
          const out = f(text);
          for (const [, , secret] of SECRET_KINDS) if (text.includes(secret)) expect(out, `${name}: ${text}`).not.toContain(secret);
          expect(out, name).not.toMatch(/\*\*\*|REDACTED|\[REDACTED\]/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each(SECRET_KINDS)('%s, planted in every string field at once', async (_kind, text, secret) => {
    expect(paths.length).toBeGreaterThan(50);
    const r = plant(base, paths, () => text);
    expect(leaks(await outputs(r), [secret])).toEqual([]);
  }, 60_000);

  it('random kinds in random fields, several at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(paths.length - 1), fc.nat(SECRET_KINDS.length - 1)), { minLength: 1, maxLength: 6 }), async (picks) => {
        const r = plant(base, picks.map(([p]) => paths[p]), (i) => SECRET_KINDS[picks[i][1]][1]);
        expect(leaks(await outputs(r), picks.map(([, k]) => SECRET_KINDS[k][2]))).toEqual([]);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
