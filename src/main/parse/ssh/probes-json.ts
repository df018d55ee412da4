import type { DiskInfoFact, DiskSpaceFact, Evidence, ProbeFact } from '../../../shared';
import type { Parser } from '../types';
import { factDetail, msg } from '../../../shared/i18n/analysis';
import { probeNote } from '../../../shared/probe-note';

/**
 * `probes.json` of an SSH collection (schemaVersion 1): one live check per line, so each fact can point at
 * its own line. The file sits in a bundle anyone can edit, so it is read as hostile input: a broken document is
 * salvaged line by line, odd values are dropped with a warning.
 */
const MAX_TEXT = 4 * 1024 * 1024;
const MAX_DATA_JSON = 32 * 1024;

interface RawProbe {
  name?: unknown;
  ok?: unknown;
  detail?: unknown;
  data?: unknown;
  durationMs?: unknown;
}

export const parseProbesJson: Parser = async ({ file, content }, sink) => {
  let text: string;
  try {
    text = await content.text(MAX_TEXT);
  } catch (e) {
    sink.warn(msg('parse.named-not-read', { name: 'probes.json', error: (e as Error).message }));
    return;
  }
  const lines = text.split('\n');
  let probes: RawProbe[] = [];
  let collectedAt: string | undefined;
  try {
    const doc = JSON.parse(text) as { schemaVersion?: unknown; collectedAt?: unknown; probes?: unknown };
    if (doc.schemaVersion !== 1) sink.warn(msg('parse.probes-schema', { version: String(doc.schemaVersion) }));
    if (typeof doc.collectedAt === 'string') collectedAt = doc.collectedAt;
    if (Array.isArray(doc.probes)) probes = doc.probes as RawProbe[];
    else sink.warn(msg('parse.probes-no-list'));
  } catch (e) {
    sink.warn(msg('parse.probes-invalid', { error: (e as Error).message }));
    collectedAt = /"collectedAt":"([^"]{1,40})"/.exec(lines[0] ?? '')?.[1];
    for (const [i, l] of lines.entries()) {
      const t = l.trim().replace(/,$/, '').replace(/\]\}$/, '');
      if (!t.startsWith('{"name":')) continue;
      try {
        probes.push(JSON.parse(t) as RawProbe);
      } catch {
        sink.warn(msg('parse.probe-line-cut'), i + 1);
      }
    }
  }
  const timeMs = collectedAt ? Date.parse(collectedAt) : NaN;
  const time = Number.isFinite(timeMs) ? new Date(timeMs).toISOString() : null;

  for (const p of probes) {
    if (!p || typeof p !== 'object' || typeof p.name !== 'string' || !/^[a-z0-9-]{1,40}$/.test(p.name)) {
      sink.warn(msg('parse.probe-without-name'));
      continue;
    }
    const needle = `"name":${JSON.stringify(p.name)}`;
    const idx = lines.findIndex((l) => l.includes(needle));
    const at: Evidence = { file: file.vmPath, line: idx + 1, time, zone: time ? 'utc' : 'none', text: (idx >= 0 ? lines[idx] : '').slice(0, 500) };
    const ok = p.ok === true || p.ok === false ? p.ok : null;
    let data: Record<string, unknown> | undefined;
    if (p.data && typeof p.data === 'object' && !Array.isArray(p.data)) {
      if (JSON.stringify(p.data).length <= MAX_DATA_JSON) data = p.data as Record<string, unknown>;
      else sink.warn(msg('parse.probe-data-too-large', { name: p.name }), idx + 1);
    }
    const detail = typeof p.detail === 'string' ? p.detail.slice(0, 1000) : '';
    // what the check found in the reader's language, made again from its data; data that does not fit: its detail, quoted
    const note = (data && probeNote(p.name, ok, data)) || (detail ? msg('line', { text: detail }) : undefined);
    const fact: ProbeFact = { kind: 'probe', at, timeMs, probe: p.name, ok, detail, ...(note ? { note } : {}), data };
    sink.fact(fact);
    if (p.name === 'disk-free' && data) diskSpace(data, at, timeMs, sink.fact.bind(sink));
    if (p.name === 'disk-sizes' && data) diskInfo(data, at, timeMs, sink.fact.bind(sink));
  }
};

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function diskSpace(data: Record<string, unknown>, at: Evidence, timeMs: number, emit: (f: DiskSpaceFact) => void) {
  const mounts = Array.isArray(data.mounts) ? data.mounts : [];
  for (const m of mounts as Record<string, unknown>[]) {
    if (!m || typeof m.mount !== 'string' || !isNum(m.usedPercent) || !isNum(m.availableBytes)) continue;
    const full = m.usedPercent >= 100 || m.availableBytes < 1024 * 1024;
    emit({
      kind: 'disk-space',
      at,
      timeMs,
      mount: m.mount,
      usedPercent: m.usedPercent,
      availableBytes: m.availableBytes,
      full,
      ...factDetail(msg('detail.live-df', { mount: m.mount, used: m.usedPercent, available: m.availableBytes })),
    });
  }
}

function diskInfo(data: Record<string, unknown>, at: Evidence, timeMs: number, emit: (f: DiskInfoFact) => void) {
  const disks = Array.isArray(data.disks) ? data.disks : [];
  for (const d of disks as Record<string, unknown>[]) {
    if (!d || typeof d.name !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(d.name) || !isNum(d.sizeBytes)) continue;
    emit({ kind: 'disk-info', at, timeMs, device: `/dev/${d.name}`, sizeBytes: d.sizeBytes, encrypted: d.encrypted === true ? true : undefined });
  }
}
