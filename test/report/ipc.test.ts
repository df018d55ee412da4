import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportRequest } from '../../src/shared';
import { createInvokeHandlers, type MainServices } from '../../src/main/ipc/handlers';
import { validateRequest } from '../../src/main/ipc/schemas';
import { createReportService } from '../../src/main/report';
import { createChromiumPrinter } from '../../src/main/report/chromium';
import { sampleResult } from './fixture';
import { CHROMIUM } from './pdf-helpers';

/** The app side: the IPC handlers the renderer calls, wired to the real report service. */
const TOKEN = '0f3c9a1e-task-token-ipc';
const dir = mkdtempSync(join(tmpdir(), 'vmbd-report-ipc-'));

function handlers(savePath: (name: string) => string | null) {
  const result = sampleResult({ inject: ` snapshotTaskToken : ${TOKEN}` });
  const services = {
    analysis: { current: () => result } as unknown as MainServices['analysis'],
    dialogs: { pickPaths: async () => null, pickSavePath: async (name: string) => savePath(name) },
    recent: { list: async () => [], add: async () => undefined, remove: async () => undefined, clear: async () => undefined },
    reports: createReportService(CHROMIUM ? createChromiumPrinter(CHROMIUM) : async () => Buffer.from('%PDF-1.7 stub')),
    ssh: {} as MainServices['ssh'],
    openExternal: async () => undefined,
    emit: () => undefined,
    appInfo: () => ({ name: 'VM Backup Doctor', version: '0.1.0', versions: {}, platform: 'linux' }),
    samplePath: '',
  } satisfies MainServices;
  return createInvokeHandlers(services);
}

describe('report IPC (preview and export)', () => {
  it('report:preview returns the redacted HTML in the requested language', async () => {
    const h = handlers(() => null);
    const req = validateRequest('report:preview', { format: 'html', lang: 'nl', redact: true }) as ExportRequest;
    const { html } = await h['report:preview'](req);
    expect(html).toContain('Diagnose VM-back-up');
    expect(html).not.toContain(TOKEN);
    expect(html).toContain('snapshotTaskToken : &lt;redacted&gt;');
    const open = await h['report:preview']({ format: 'html', lang: 'en', redact: false });
    expect(open.html).toContain(TOKEN);
  });

  it('report:export writes every format to the chosen path', async () => {
    const h = handlers((name) => join(dir, name));
    for (const format of ['html', 'md', 'json', 'jsonl', 'pdf'] as const) {
      const res = await h['report:export']({ format, lang: 'en', redact: true, paper: 'Letter' });
      expect(res).toEqual({ ok: true, path: join(dir, `vmbackup-diagnosis-vm-backup-demo-01.${format}`) });
      if (!res.ok) continue;
      const bytes = readFileSync(res.path);
      if (format === 'pdf') expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      else expect(bytes.toString('utf8')).not.toContain(TOKEN);
    }
  }, 60_000);

  it('a canceled save dialog and a failing printer are reported, not thrown', async () => {
    expect(await handlers(() => null)['report:export']({ format: 'html', lang: 'en', redact: true })).toMatchObject({ ok: false, canceled: true });
    const result = sampleResult();
    const h = createInvokeHandlers({
      analysis: { current: () => result } as unknown as MainServices['analysis'],
      dialogs: { pickPaths: async () => null, pickSavePath: async (name: string) => join(dir, name) },
      recent: { list: async () => [], add: async () => undefined, remove: async () => undefined, clear: async () => undefined },
      reports: createReportService(async () => Buffer.from('<html>not a pdf')),
      ssh: {} as MainServices['ssh'],
      openExternal: async () => undefined,
      emit: () => undefined,
      appInfo: () => ({ name: 'x', version: '0', versions: {}, platform: 'linux' }),
      samplePath: '',
    });
    expect(await h['report:export']({ format: 'pdf', lang: 'en', redact: true })).toEqual({ ok: false, error: 'The PDF printer returned no PDF.', note: { key: 'app.failed', params: { error: 'The PDF printer returned no PDF.' } } });
  });
});
