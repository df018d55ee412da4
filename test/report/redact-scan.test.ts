import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REDACTED, redactSecrets, redactSecretsByGlobalReplace } from '../../src/shared/redact';
import { replaceAt } from '../../src/shared/replace-at';
import { evidenceText } from '../../src/shared/clip';
import { evidenceText as vmSnapshotEvidenceText } from '../../src/main/parse/vmsnapshot/scrub';

/**
 * The secret rules used to run as plain global `replace` calls over the whole text; they now run sticky
 * from the positions where a match can start (replaceAt), behind a keyword prefilter. The plain global
 * replace of the same rules, with no prefilter, is the oracle: for any text the two must give the same
 * string, byte for byte.
 */
const oracle = redactSecretsByGlobalReplace;

const KEY88 = 'q4V7Xo0n3bU6Pp2YzNf5HkT1mWcR8sLdA9eGjQhKiBvuwxyzABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij+/==';
/** One complete secret per rule, in the case the rule's examples use and in another. */
const SECRET_FORMS = [
  'https://acct.blob.core.windows.net/c/b.vhd?sv=2020&sig=AbC%2Bd&se=1',
  'HTTP://acct/x?st=2020',
  'GET /x?comp=block&sig=abc%2Bdef&se=1',
  'url=foo%3Fsig%3Dabcdef',
  '"protectedSettings": "MIIBsAYJKoZIhvc"',
  '"ProtectedSettings":{"k": "v", "n": {"m": 1}}',
  '&quot;protectedSettings&quot;:&quot;MIIBsAYJ&quot;',
  '&QUOT;protectedSettings&QUOT; : &QUOT;MIIBsAYJ&QUOT;',
  '<ProtectedSettings>MIIBsAYJ</ProtectedSettings>',
  '<protectedsettings a="1">MIIB\nsAYJ</protectedsettings>',
  'protectedSettings = "MIIBsAYJ"',
  '"snapshotTaskToken": "0f3c9a1e"',
  'snapshotTaskToken : 0f3c9a1e',
  'SnapshotTaskToken=0f3c9a1e',
  'id : 42, token : 0f3c9a1e, x',
  '<UserPassword>S3cr3t!</UserPassword>',
  '<adminPASSWORD x="1">S3cr3t</adminPASSWORD>',
  '"adminPassword": "S3cr3t!"',
  'mysql password=S3cr3t! --x',
  'db.admin-Password: S3cr3t',
  'DeleteRootPassword=y',
  'AccountKey=abc+def/ghi==;',
  KEY88,
  'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
  'client_secret=AbC123&x=1',
  '"clientSecret": "AbC123"',
  '"secret": "AbC123"',
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
  '?access_token=AT123&x=1',
  '"access_token": "AT123"',
  '"sasToken": "SAS123"',
  'pwd=Hunter2',
  'passwd: Hunter2',
  'https://user:PASS123@host/x',
  'SharedAccessKey=SAK123=;',
  'Authorization: Basic dXNlcjpwYXNz',
  'x%3Fsig%253DDOUBLE1',
  '"protectedSettings": {"a": {"b": {"c": "deep"}}}',
  '\\"password\\": \\"esc123',
];

/** Pieces that make the rules match, nearly match and overlap: keywords in both cases, their delimiters, lookbehind contexts. */
const PIECES = [
  'https://acct.blob.core.windows.net/c/b.vhd?', 'HTTP://h/x?', 'sv=2018', 'se=1', 'sig=', 'SIG%3D', '%3Fsig%3D', '%26sig=', 'xsig=', 'signature',
  '"protectedSettings"', '"PROTECTEDSETTINGS"', 'protectedSettings', '&quot;protectedSettings&quot;', '&quot;', '<ProtectedSettings>', '</ProtectedSettings>', '<ProtectedSettings a="1">',
  '"snapshotTaskToken"', 'snapshotTaskToken', 'token', 'TOKEN', '<UserPassword>', '</UserPassword>', '<Password>', '"adminPassword"', '"password"', 'password', 'Pass.word', 'my.db-password',
  'DeleteRootPassword', 'AccountKey', 'accountkey', KEY88, KEY88.slice(1), `${KEY88}=`, 'A', '==', '=', ':', ' : ', ' ', '\n', '\t', '"', '\\"', '\\', '{', '}', '<', '>', '&', ';', ',', "'", '?', '/',
  REDACTED, 'abc123', 'K', 'İ', 'x\u212aey', 'ünï',
  'Bearer ', 'Basic ', 'eyJ', 'eyJabcdef.', '-----BEGIN ', 'PRIVATE KEY-----', '-----END ', 'secret', '_secret', 'pwd', 'passwd', '://', 'a:b@', '@', 'SharedAccessKey', '%253D', 'access_token', '\\"',
];
const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.constantFrom(...SECRET_FORMS)), { maxLength: 40 }).map((a) => a.join(''));

describe('replaceAt', () => {
  it('gives what a global replace gives when every possible start is listed', () => {
    const re = /(a+)(b)?/g;
    const s = 'xaab ab a xyz aaa';
    const starts = [...s].map((_, i) => i);
    expect(replaceAt(s, re, '[$1|$2|$&|$$]', starts)).toBe(s.replace(re, '[$1|$2|$&|$$]'));
    // only the listed positions are tried: the `a` at 7 is not listed, so it is left alone
    expect(replaceAt(s, re, '<$1>', [1, 5, 14])).toBe('x<aa> <a> a xyz <aaa>');
  });

  it('sees the whole text from a start: lookbehinds and anchors behave as in the plain replace', () => {
    expect(replaceAt('%3Fsig=1 xsig=2', /(?<=%3F)sig=\d/g, 'S', [3, 10])).toBe('%3FS xsig=2');
    expect(replaceAt('ab\nab', /b$/gm, 'B', [1, 4])).toBe('aB\naB');
  });

  it('returns the very string when nothing matched', () => {
    const s = 'no match here';
    expect(replaceAt(s, /x+/g, 'y', [0, 3, 5])).toBe(s);
    expect(replaceAt('$1 and $x', /and/g, '[$$|$1|$&]', [3])).toBe('$1 [$|$1|and] $x');
  });
});

describe('redactSecrets on long texts (sticky from candidate starts)', () => {
  it('matches the previous implementation on generated texts', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(redactSecrets(s)).toBe(oracle(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives a fixed point: its answer redacted again is the very string', () => {
    fc.assert(
      fc.property(text, (s) => {
        const once = redactSecrets(s);
        expect(redactSecrets(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives evidence texts that are fixed points unless clipped (what redactedTexts relies on)', () => {
    const ws = fc.constantFrom('', ' ', '\t', '\n', '  \r\n');
    fc.assert(
      fc.property(ws, text, ws, (a, s, b) => {
        for (const e of [evidenceText(a + s + b), vmSnapshotEvidenceText(a + s + b), evidenceText(a + s + b, 60)]) {
          if (!e.endsWith('…')) expect(redactSecrets(e)).toBe(e);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('matches it on a long text built from the same pieces, secrets and damage across lines', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 30 }), (parts) => {
        // pad with harmless JSON to the size of a result's text (the prefilter then finds its keyword far in)
        const pad = `${JSON.stringify({ vm: 'x', n: 1 }, null, 2)}\n`.repeat(1 + Math.ceil((70 * 1024) / 30));
        const s = parts.join(pad.slice(0, 2000)) + pad;
        expect(redactSecrets(s)).toBe(oracle(s));
      }),
      { numRuns: 60 },
    );
  });

  it('redacts each form of secret in a long text exactly as before, at the start, middle and end', () => {
    const pad = 'x'.repeat(70 * 1024);
    for (const form of SECRET_FORMS) {
      for (const s of [`${form}\n${pad}`, `${pad} ${form} ${pad}`, `${pad}\n${form}`]) {
        const out = redactSecrets(s);
        expect(out).toBe(oracle(s));
        // the two forms the rules leave alone on their own: a SAS without sig=/sv= (the prefilter), DeleteRootPassword
        if (!/st=2020|DeleteRootPassword/.test(form)) expect(out, form).toContain(REDACTED);
        if (!/st=2020|DeleteRootPassword/.test(form)) expect(out, form).not.toMatch(/AbC123|AT123|SAS123|Hunter2|PASS123|SAK123|dXNlcjpwYXNz|DOUBLE1|deep|esc123|MIIEow|c2lnbmF0dXJl/);
      }
    }
  });

  it('redacts a pretty-printed JSON result whole exactly as before (many secrets, none on the first line)', () => {
    const tasks = Array.from({ length: 2000 }, (_, i) => ({
      id: `task-${i}`,
      evidence: [`[2026-11-19 23:00:0${i % 10}] snapshotTaskToken : tok-${i}-secret`, `GET https://a.blob.core.windows.net/c/d.vhd?sv=2020&sig=s${i}%2B&se=9 failed`, `password=p${i}!x;`, `{"protectedSettings": {"k": "v${i}"}}`],
      file: i % 7 === 0 ? `var/log/İnstall-${KEY88}` : `var/log/azure/x-${i}.log`,
    }));
    const json = `${JSON.stringify({ schemaVersion: 1, snapshots: tasks }, null, 2)}\n`;
    expect(json.length).toBeGreaterThan(64 * 1024);
    const out = redactSecrets(json);
    expect(out).toBe(oracle(json));
    expect(out).not.toContain('tok-5-secret');
    expect(out).not.toContain('sig=s5');
  });
});
