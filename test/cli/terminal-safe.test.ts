import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/main/cli';
import { jsonSafe, terminalSafe } from '../../src/main/cli/terminal-safe';

describe('terminal-safe CLI output', () => {
  it('shows C0/C1 controls and bidi overrides as visible escapes, keeps newlines and tabs', () => {
    const hostile = 'a\u001b]0;pwned\u0007b\u001b[2J\tc\u009b0m\nevil\u202Egol.txt';
    const safe = terminalSafe(hostile);
    // eslint-disable-next-line no-control-regex
    expect(safe).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(safe).toBe('a\\u001b]0;pwned\\u0007b\\u001b[2J\tc\\u009b0m\nevil\\u202egol.txt');
  });
  it('keeps JSON valid and the data intact after escaping', () => {
    const doc = { text: 'x\u009b\u202Ey\u001b' };
    const out = jsonSafe(JSON.stringify(doc));
    expect(out).not.toMatch(/[\u009b\u202e]/);
    expect(JSON.parse(out)).toEqual(doc);
  });
});

describe('analyze --format json on stdout', () => {
  it('escapes C1 and bidi controls of the log and its name as the one-piece document does, and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-json-'));
    const name = 'waagent\u202egol.txt.log';
    writeFileSync(
      join(dir, name),
      [
        '2024-01-14T22:16:48.792020Z INFO ExtHandler ExtHandler Start \u009b31m extension \u007f handling \u2028 → done',
        '2024-01-14T22:16:49.792020Z ERROR ExtHandler ExtHandler Event: name=Microsoft.Azure.RecoveryServices.VMSnapshotLinux, op=Enable, message=\u0085 failed \u001b[2J, duration=0',
        '',
      ].join('\n'),
    );
    const out: string[] = [];
    expect(await main(['analyze', join(dir, name), '--format', 'json'], { stdout: (s) => void out.push(s), stderr: () => undefined })).toBe(0);
    const text = out.join('');
    expect(text).not.toMatch(/[\u007f-\u009f\u202e\u2028]/);
    expect(text).toContain('\\u202e');
    const doc = JSON.parse(text);
    expect(JSON.stringify(doc)).toContain('\u202egol');
    // the same bytes as the whole document escaped in one piece
    expect(text).toBe(jsonSafe(`${JSON.stringify(doc, null, 2)}\n`));
  });
});
