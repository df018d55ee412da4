import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateRequest, RAW_FILE_MAX_BYTES } from '../../src/shared/ipc/contract';
import { ChosenPaths, createInvokeHandlers, type MainServices } from '../../src/main/ipc/handlers';
import { fileRecentStore } from '../../src/main/electron/stores';
import { InProcessAnalysisService } from '../../src/main/worker/in-process';
import { SessionSet } from '../../src/main/worker/sessions';
import { SAMPLE } from '../helpers/paths';

/**
 * The channels that work on the open session (issue 21 point 10): diagnosing it again with another
 * portal code or failure time without reading the bundle again, reading one of its files whole for the
 * raw file view (by id, bounded), and the recent list's verdict, remove and clear.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'vmbd-session-'));
  dirs.push(d);
  return d;
};

function handlers() {
  const dir = tmp();
  const s = {
    analysis: new SessionSet(() => new InProcessAnalysisService()),
    dialogs: { pickPaths: async () => null, pickSavePath: async () => null },
    recent: fileRecentStore(dir),
    reports: { previewHtml: async () => '', write: async () => undefined },
    ssh: {} as MainServices['ssh'],
    openExternal: async () => undefined,
    emit: () => undefined,
    appInfo: () => ({ name: 'x', version: '0', versions: {}, platform: 'linux' }),
    samplePath: '',
  } satisfies MainServices;
  return { h: createInvokeHandlers(s, new ChosenPaths()), s, dir };
}

describe('bundle:rediagnose', () => {
  it('diagnoses the open bundle again with a new portal code, without reading it again', async () => {
    const { h, s } = handlers();
    await expect(h['bundle:rediagnose']({ options: { portalCode: 'UserErrorFsFreezeTimeout' } })).rejects.toThrow(/Open a bundle first/);
    const zip = join(tmp(), 'logs.zip');
    copyFileSync(SAMPLE, zip);
    (s as { samplePath: string }).samplePath = zip;
    const first = await h['bundle:open-sample']({ options: {} });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.result.portalCode).toBeUndefined();
    // the bundle is gone: a new diagnosis can only come from what was parsed
    renameSync(zip, `${zip}.moved`);
    const again = await h['bundle:rediagnose']({ options: { portalCode: 'UserErrorGuestAgentStatusUnavailable' } });
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.result.portalCode).toBe('UserErrorGuestAgentStatusUnavailable');
    expect(again.result.stats.records).toBe(first.result.stats.records);
    // the portal's causes are ordered: the freeze is no agent-status cause, so its finding gets no portal order
    expect(first.result.findings.some((f) => f.portalOrder !== undefined)).toBe(false);
    expect(again.result.findings.some((f) => f.portalOrder !== undefined)).toBe(true);
    expect(again.result.verdict.summary).not.toBe(first.result.verdict.summary);
    expect(s.analysis.current()).toBe(again.result);
    // the log view still reads the same session
    expect((await h['logs:query']({ offset: 0, limit: 5 })).total).toBe(first.result.stats.records);
    // the recent entry carries the verdict of the last analysis
    expect((await h['bundle:recent'](undefined))[0]).toMatchObject({ paths: [zip], verdict: { cause: again.result.verdict.cause } });
  });

  it('validates its options like an open', () => {
    expect(() => validateRequest('bundle:rediagnose', { options: { failedAt: 'x'.repeat(65) } })).toThrow(/failedAt/);
    expect(() => validateRequest('bundle:rediagnose', { options: { portalCode: 'X', path: '/etc/passwd' } })).toThrow();
    expect(validateRequest('bundle:rediagnose', { options: { portalCode: 'UserErrorFsFreezeTimeout', failedAt: '2026-11-19T22:07:00.000Z' } })).toBeTruthy();
  });
});

describe('files:read (the raw file view)', () => {
  it('reads a file of the open bundle by id, whole', async () => {
    const { h, s } = handlers();
    await expect(h['files:read']({ id: 0 })).rejects.toThrow(/Open a bundle first/);
    (s as { samplePath: string }).samplePath = SAMPLE;
    const r = await h['bundle:open-sample']({ options: {} });
    if (!r.ok) throw new Error(r.error);
    const status = r.result.files.find((f) => f.vmPath.endsWith('VMSnapshotLinux-1.0.9225.0/status/15.status'))!;
    const raw = await h['files:read']({ id: status.id });
    expect(raw).toMatchObject({ id: status.id, vmPath: status.vmPath, size: 1783, clipped: false });
    expect(raw.text.length).toBe(1783);
    expect(JSON.parse(raw.text)).toBeInstanceOf(Array);
    await expect(h['files:read']({ id: r.result.files.length })).rejects.toThrow(/No such file/);
  });

  it('takes an id only: no path, no negative or fractional id', () => {
    expect(() => validateRequest('files:read', { id: -1 })).toThrow();
    expect(() => validateRequest('files:read', { id: 1.5 })).toThrow();
    expect(() => validateRequest('files:read', { id: '../../etc/passwd' })).toThrow();
    expect(() => validateRequest('files:read', { id: 0, path: '/etc/passwd' })).toThrow();
  });

  it('reads a big file only up to the bound, and UTF-16 as text', async () => {
    const { h, s } = handlers();
    const dir = tmp();
    const conf = `${'# comment line of a big config\n'.repeat(Math.ceil((RAW_FILE_MAX_BYTES + 4096) / 31))}`;
    writeFileSync(join(dir, 'waagent.conf'), conf);
    // a Windows status file as PowerShell writes it: UTF-16LE with a byte-order mark
    writeFileSync(join(dir, 'status.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[{"status":{"code":0}}]', 'utf16le')]));
    (s as { samplePath: string }).samplePath = dir;
    const r = await h['bundle:open-sample']({ options: {} });
    if (!r.ok) throw new Error(r.error);
    const big = r.result.files.find((f) => f.vmPath.endsWith('waagent.conf'))!;
    const raw = await h['files:read']({ id: big.id });
    expect(raw.clipped).toBe(true);
    expect(raw.size).toBe(conf.length);
    expect(raw.text.length).toBe(RAW_FILE_MAX_BYTES);
    const utf16 = r.result.files.find((f) => f.vmPath.endsWith('status.json'))!;
    expect((await h['files:read']({ id: utf16.id })).text).toBe('[{"status":{"code":0}}]');
  });
});

describe('bundle:recent-remove and bundle:recent-clear', () => {
  it('remove one entry, clear all; a removed path no longer opens', async () => {
    const { h, s } = handlers();
    await s.recent.add(['/cases/a.zip']);
    await s.recent.add(['/cases/b.zip'], { cause: 'fsfreeze-failed', confidence: 'high' });
    expect((await h['bundle:recent-remove']({ paths: ['/cases/a.zip'] })).map((e) => e.label)).toEqual(['b.zip']);
    expect(await h['bundle:open-paths']({ paths: ['/cases/a.zip'], options: {} })).toMatchObject({ ok: false, error: expect.stringMatching(/chosen/) });
    expect(await h['bundle:recent-clear'](undefined)).toEqual([]);
    expect(await h['bundle:recent'](undefined)).toEqual([]);
  });
});
