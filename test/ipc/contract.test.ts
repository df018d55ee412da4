import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_CHANNELS, EVENT_CHANNELS, INVOKE_CHANNELS } from '../../src/shared';
import { REQUEST_SCHEMAS, validateRequest } from '../../src/main/ipc/schemas';
import { createInvokeHandlers } from '../../src/main/ipc/handlers';
import { ROOT } from '../helpers/paths';

describe('typed IPC contract', () => {
  it('every allowlisted channel has a schema, a handler and an API method', () => {
    const handlers = createInvokeHandlers({} as never);
    const apiChannels = new Set(Object.values(API_CHANNELS));
    for (const c of INVOKE_CHANNELS) {
      expect(REQUEST_SCHEMAS[c], c).toBeDefined();
      expect(typeof handlers[c], c).toBe('function');
      expect(apiChannels.has(c), c).toBe(true);
    }
    expect(Object.keys(handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('rejects malformed and over-broad requests', () => {
    expect(() => validateRequest('bundle:open-paths', { paths: [], options: {} })).toThrow(/invalid request/);
    expect(() => validateRequest('bundle:open-paths', { paths: ['/x'], options: {}, extra: 1 })).toThrow(/invalid request/);
    expect(() => validateRequest('logs:query', { offset: 0, limit: 1e9 })).toThrow(/invalid request/);
    expect(() => validateRequest('shell:open-docs', { url: 5 })).toThrow(/invalid request/);
    expect(validateRequest('logs:query', { offset: 0, limit: 100, levels: ['error'] })).toEqual({ offset: 0, limit: 100, levels: ['error'] });
  });

  it('the preload exposes named functions only: no generic invoke/send, only allowlisted channels', () => {
    const src = readFileSync(join(ROOT, 'src/main/electron/preload.ts'), 'utf8');
    expect(src).toContain("contextBridge.exposeInMainWorld('vmbd', api)");
    expect(src).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\b/);
    expect(src).not.toMatch(/invoke:\s*\(channel/);
    expect(src).not.toMatch(/send:\s*\(/);
    // every ipcRenderer.invoke goes through API_CHANNELS (the allowlist)
    for (const m of src.matchAll(/ipcRenderer\.invoke\(([^,)]+)/g)) expect(m[1]).toMatch(/^(API_CHANNELS\.\w+|channel)$/);
    expect(EVENT_CHANNELS.length).toBeGreaterThan(0);
  });

  it('docs links outside the allowlist are refused by the handler', async () => {
    const opened: string[] = [];
    const handlers = createInvokeHandlers({ openExternal: async (u: string) => void opened.push(u) } as never);
    expect(await handlers['shell:open-docs']({ url: 'https://evil.example/' })).toMatchObject({ opened: false });
    expect(await handlers['shell:open-docs']({ url: 'https://learn.microsoft.com/azure/backup/' })).toEqual({ opened: true });
    expect(opened).toEqual(['https://learn.microsoft.com/azure/backup/']);
  });
});
