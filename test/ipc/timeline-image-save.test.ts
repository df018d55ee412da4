import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalysisResult } from '../../src/shared';
import { createInvokeHandlers, type MainServices } from '../../src/main/ipc/handlers';
import { validateRequest } from '../../src/shared/ipc/contract';

/** `image:save`: the timeline the renderer drew, written where the engineer chose in the save dialog. */
const dir = mkdtempSync(join(tmpdir(), 'vmbd-image-save-'));
// The smallest valid PNG (1×1, transparent), as the canvas would encode it.
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>VM Backup Doctor timeline</title></svg>';

function handlers(savePath: (name: string) => string | null, names: string[] = []) {
  const result = { vm: { hostname: 'vm backup/01', platform: 'linux' } } as unknown as AnalysisResult;
  const services = {
    analysis: { current: () => result } as unknown as MainServices['analysis'],
    dialogs: {
      pickPaths: async () => null,
      pickSavePath: async (name: string) => {
        names.push(name);
        return savePath(name);
      },
    },
    recent: { list: async () => [], add: async () => undefined, remove: async () => undefined, clear: async () => undefined },
    reports: {} as MainServices['reports'],
    ssh: {} as MainServices['ssh'],
    openExternal: async () => undefined,
    emit: () => undefined,
    appInfo: () => ({ name: 'VM Backup Doctor', version: '0.1.0', versions: {}, platform: 'linux' }),
    samplePath: '',
  } satisfies MainServices;
  return createInvokeHandlers(services);
}

describe('image:save', () => {
  it('writes the SVG text and the PNG bytes to the chosen path, suggesting a name with the host', async () => {
    const names: string[] = [];
    const h = handlers((name) => join(dir, name), names);
    const svg = await h['image:save'](validateRequest('image:save', { format: 'svg', data: SVG }));
    expect(svg).toEqual({ ok: true, path: join(dir, 'vmbackup-timeline-vm_backup_01.svg') });
    expect(readFileSync(join(dir, 'vmbackup-timeline-vm_backup_01.svg'), 'utf8')).toBe(SVG);
    const png = await h['image:save']({ format: 'png', data: PNG_1x1 });
    expect(png).toMatchObject({ ok: true });
    expect(readFileSync(join(dir, 'vmbackup-timeline-vm_backup_01.png')).equals(Buffer.from(PNG_1x1, 'base64'))).toBe(true);
    expect(names).toEqual(['vmbackup-timeline-vm_backup_01.svg', 'vmbackup-timeline-vm_backup_01.png']);
  });

  it('writes nothing that is not what the exporter makes, and nothing when the dialog is canceled', async () => {
    const names: string[] = [];
    const h = handlers((name) => join(dir, `x-${name}`), names);
    expect(await h['image:save']({ format: 'png', data: Buffer.from('#!/bin/sh\nrm -rf ~\n').toString('base64') })).toEqual({ ok: false, error: 'Not a PNG image.', note: { key: 'app.not-image', params: { format: 'png' } } });
    expect(await h['image:save']({ format: 'svg', data: '<html><script>alert(1)</script></html>' })).toEqual({ ok: false, error: 'Not an SVG document.', note: { key: 'app.not-image', params: { format: 'svg' } } });
    expect(names).toEqual([]);
    expect(await handlers(() => null)['image:save']({ format: 'svg', data: SVG })).toEqual({ ok: false, canceled: true, error: 'Export canceled.' });
    expect(existsSync(join(dir, 'x-vmbackup-timeline-vm_backup_01.svg'))).toBe(false);
  });

  it('the request schema takes only svg or png with some data', () => {
    expect(() => validateRequest('image:save', { format: 'pdf', data: 'x' })).toThrow(/invalid request/);
    expect(() => validateRequest('image:save', { format: 'svg', data: '' })).toThrow(/invalid request/);
    expect(() => validateRequest('image:save', { format: 'svg', data: SVG, path: '/etc/passwd' })).toThrow(/invalid request/);
  });
});
