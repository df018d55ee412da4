import { describe, expect, it, vi } from 'vitest';
import type { FormatDecl } from '../../src/shared/formats';

/**
 * The declarations are checked before the first file is placed or recognised (not at import: a parse worker, which
 * classifies nothing, does not pay the check at its start), so a thread that classifies files still fails on an
 * inconsistent declaration instead of misplacing files.
 */
describe('an inconsistent format declaration', () => {
  it('fails the first file placed or recognised, and every one after', async () => {
    vi.resetModules();
    const formats = await import('../../src/shared/formats');
    (formats.FORMATS as FormatDecl[]).push({ ...formats.FORMATS[0] });
    expect(() => formats.kindOfPath('var/log/waagent.log')).toThrow(/declared twice/);
    expect(() => formats.recognise('2024-01-01T00:00:00.000000Z INFO Daemon Azure Linux Agent Version: 2.9.1.1')).toThrow(/inconsistent/);
  });
});
