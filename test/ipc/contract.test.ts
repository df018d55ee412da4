import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_CHANNELS, INVOKE, INVOKE_CHANNELS, bridgeTable, requestOf, validateRequest } from '../../src/shared/ipc/contract';
import { createInvokeHandlers } from '../../src/main/ipc/handlers';
import { ROOT } from '../helpers/paths';

const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

describe('IPC declared once (src/shared/ipc/contract.ts INVOKE)', () => {
  it('every channel of the map has a handler, a method name and a schema; nothing else is allowlisted', () => {
    const handlers = createInvokeHandlers({} as never);
    expect(Object.keys(handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect([...INVOKE_CHANNELS].sort()).toEqual(Object.keys(INVOKE).sort());
    const methods = INVOKE_CHANNELS.map((c) => INVOKE[c].method);
    expect(new Set(methods).size).toBe(methods.length);
    for (const c of INVOKE_CHANNELS) {
      expect(typeof handlers[c], c).toBe('function');
      expect(typeof INVOKE[c].schema.safeParse, c).toBe('function');
    }
    expect(Object.keys(bridgeTable()).sort()).toEqual([...methods].sort());
  });

  it('the preload, the Electron wiring and the test host name no channel: they derive from the map', () => {
    for (const file of ['src/main/electron/preload.ts', 'src/main/electron/ipc-wiring.ts', 'src/main/testhost/bridge.ts', 'src/main/testhost/server.ts']) {
      const src = read(file);
      for (const c of INVOKE_CHANNELS) expect(src.includes(`'${c}'`), `${file} names ${c}`).toBe(false);
      for (const c of INVOKE_CHANNELS) expect(src.includes(`.${INVOKE[c].method}(`), `${file} calls ${INVOKE[c].method}`).toBe(false);
    }
    // no casts around the request functions of the preload
    expect(read('src/main/electron/preload.ts')).not.toMatch(/\bas (?:RendererApi|unknown|any)\b/);
  });

  it('positional arguments make the request object the schema validates', () => {
    expect(requestOf('bundle:open-paths', [['/a.zip'], {}])).toEqual({ paths: ['/a.zip'], options: {} });
    expect(requestOf('shell:open-docs', ['https://learn.microsoft.com/'])).toEqual({ url: 'https://learn.microsoft.com/' });
    expect(requestOf('logs:query', [{ offset: 0, limit: 10 }])).toEqual({ offset: 0, limit: 10 });
    expect(requestOf('bundle:cancel', [])).toBeUndefined();
    // a hostile argument name cannot reach Object.prototype
    expect(Object.getPrototypeOf(requestOf('bundle:open-paths', [['/a'], {}]))).toBe(Object.prototype);
    for (const c of INVOKE_CHANNELS) {
      const { params } = INVOKE[c];
      if (params !== 'none' && params !== 'request') for (const p of params) expect(typeof p).toBe('string');
    }
  });

  it('rejects malformed and over-broad requests', () => {
    expect(() => validateRequest('bundle:open-paths', { paths: [], options: {} })).toThrow(/invalid request/);
    expect(() => validateRequest('bundle:open-paths', { paths: ['/x'], options: {}, extra: 1 })).toThrow(/invalid request/);
    expect(() => validateRequest('logs:query', { offset: 0, limit: 1e9 })).toThrow(/invalid request/);
    expect(() => validateRequest('shell:open-docs', { url: 5 })).toThrow(/invalid request/);
    expect(() => validateRequest('bundle:cancel', { anything: 1 })).toThrow(/invalid request/);
    expect(validateRequest('logs:query', { offset: 0, limit: 100, levels: ['error'] })).toEqual({ offset: 0, limit: 100, levels: ['error'] });
    // the SSH request carries the UI language (main's prompts ask in it); only a language the app has
    expect(validateRequest('ssh:collect', { target: { host: 'vm' }, lang: 'nl' })).toEqual({ target: { host: 'vm' }, lang: 'nl' });
    expect(() => validateRequest('ssh:collect', { target: { host: 'vm' }, lang: 'de' })).toThrow(/invalid request/);
    expect(EVENT_CHANNELS).toEqual(['bundle:progress', 'ssh:prompt', 'ssh:progress', 'app:menu']);
  });
});
