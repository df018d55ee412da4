/**
 * Issue 20 points 6 and 7: every string that reaches a terminal or a Markdown file goes through the one
 * escaping helper (src/shared/visible.ts); JSON carries C1/bidi as \u escapes; log text in the Markdown
 * report is in code spans, so no URL from a log becomes a live link.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRequest } from '../../src/shared';
import { visibleControls } from '../../src/shared/visible';
import { main } from '../../src/main/cli';
import { runCollect } from '../../src/main/cli/collect';
import { safeIo } from '../../src/main/cli/terminal-safe';
import { renderReport } from '../../src/main/report';
import { sampleResult } from '../report/fixture';
import { ed25519HostKey } from '../helpers/ssh-keys';

/** OSC 52 (clipboard write), OSC 0 (title), CSI clear screen, a C1 CSI, bidi override, line separator. */
const EVIL = '\u001b]52;c;cHduZWQ=\u0007\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202egol.txt\u2028';
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const dir = mkdtempSync(join(tmpdir(), 'vmbd-escape-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the one escaping helper', () => {
  it('leaves no control, C1 or bidi character, keeps \\n and \\t, and shows each as \\uXXXX', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const v = visibleControls(s);
        expect(v).not.toMatch(RAW);
        expect(v.split('\n').length).toBe(s.split('\n').length);
      }),
    );
    expect(visibleControls(EVIL)).toBe('\\u001b]52;c;cHduZWQ=\\u0007\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202egol.txt\\u2028');
  });
});

describe('the CLI never prints a control sequence it was given', () => {
  it('"no input could be read" quoting a hostile member/file name', async () => {
    const err: string[] = [];
    const out: string[] = [];
    const code = await main(['analyze', join(dir, `missing${EVIL}.zip`)], { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });
    expect(code).not.toBe(0);
    const text = err.join('') + out.join('');
    expect(text).toContain('\\u001b]52');
    expect(text).not.toMatch(RAW);
  });

  describe('an SSH server’s keyboard-interactive name, instructions and prompts', () => {
    let server: InstanceType<typeof ssh2.Server>;
    let port = 0;
    beforeAll(async () => {
      server = new ssh2.Server({ hostKeys: [ed25519HostKey()] }, (client) => {
        client.on('error', () => undefined);
        client.on('authentication', (ctx) => {
          if (ctx.method !== 'keyboard-interactive') return ctx.reject(['keyboard-interactive']);
          ctx.prompt([{ prompt: `Code${EVIL}: `, echo: true }], `Login${EVIL}`, `Instructions${EVIL}`, () => ctx.reject());
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      port = (server.address() as { port: number }).port;
      process.env.XDG_CONFIG_HOME = dir;
    });
    afterAll(() => server.close());

    const args = () => [`ssh://u@127.0.0.1:${port}`, '--accept-new', '--known-hosts', join(dir, 'kh'), '--no-agent', '--password', '--out', join(dir, 'b.tar.gz')];

    it('without a terminal: the skipped question is printed escaped', async () => {
      writeFileSync(join(dir, 'kh'), '');
      const err: string[] = [];
      await main(['collect', ...args()], { stdout: () => undefined, stderr: (s) => void err.push(s) });
      const text = err.join('');
      expect(text).toContain('Login\\u001b]52');
      expect(text).not.toMatch(RAW);
    }, 30_000);

    it('on a terminal: the question asked is escaped', async () => {
      const asked: string[] = [];
      const err: string[] = [];
      await runCollect(args(), safeIo({ stdout: () => undefined, stderr: (s) => void err.push(s) }), {
        prompter: { interactive: true, ask: async (q) => (asked.push(q), undefined) },
      });
      expect(asked.join('')).toContain('Code\\u001b]52');
      expect(asked.join('') + err.join('')).not.toMatch(RAW);
    }, 30_000);
  });
});

describe('report files', () => {
  const hostile = () => {
    const r = sampleResult();
    r.vm.hostname = `vm${EVIL}`;
    r.snapshots[0].message = `upload failed, see https://evil.example.net/steal?x=1 or mail x@evil.example.net${EVIL}`;
    r.extensions[0].status = `www.evil.example.net${EVIL}`;
    r.findings[0].reason = `${r.findings[0].reason} https://evil.example.net/reason`;
    for (const e of r.timeline) e.label = `${e.label}${EVIL}`;
    return r;
  };
  const req = (format: ExportRequest['format']): ExportRequest => ({ format, lang: 'en', redact: true });
  const printer = async () => Buffer.alloc(0);

  it('Markdown: no control or bidi character, and every URL or mail address from a log is inside a code span', async () => {
    const md = (await renderReport(hostile(), req('md'), printer)).toString('utf8');
    expect(md).not.toMatch(RAW);
    expect(md).toContain('\\u202e');
    // outside code spans and fences, nothing a renderer would auto-link
    const prose = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
    expect(prose).not.toMatch(/evil\.example|@evil/);
    expect(md).toMatch(/`[^`]*https:\/\/evil\.example\.net\/steal[^`]*`/);
  });

  it.each(['json', 'jsonl'] as const)('%s: C1, bidi and line separators only as \\u escapes', async (format) => {
    const text = (await renderReport(hostile(), req(format), printer)).toString('utf8');
    expect(text).not.toMatch(RAW.source.includes('\\u000b') ? /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/ : RAW);
    for (const line of format === 'jsonl' ? text.trim().split('\n') : [text]) if (line) JSON.parse(line);
  });
});
