import { msg, type AnalysisMessage } from './i18n/analysis';
import type { ProbeDisk, ProbeEndpoint, ProbeMount } from './i18n/pipeline';

/** What a live check found, as a catalogue message (probes.json's `detail` is its English). */
export type ProbeNote = Extract<AnalysisMessage, { key: `probe.${string}` }>;

const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** A size `Number()` could not read is NaN, which JSON writes as null: formatBytes prints it as '?'. */
const size = (v: unknown): number | undefined => (typeof v === 'number' ? v : v === null ? NaN : undefined);
const strs = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every(str) ? v : undefined);
const ENDPOINTS: readonly string[] = ['wireserver', 'hostgaplugin', 'imds'];

/**
 * A live check's finding as a message, from its name, verdict and data: what ssh/probes.ts wrote and what the
 * probes.json parser reads back, so the detail of a collection reads in the reader's language without probes.json
 * carrying more than its data. The file is hostile input (anyone can edit a bundle): every value is checked for
 * its type, and data that does not fit gives undefined (the parser then quotes the file's own detail).
 */
export function probeNote(name: string, ok: boolean | null, data: Readonly<Record<string, unknown>>): ProbeNote | undefined {
  if ('unfinished' in data) return data.unfinished === true ? msg('probe.unfinished') : str(data.unfinished) ? msg('probe.unfinished', { error: data.unfinished }) : undefined;
  switch (name) {
    case 'waagent-version':
      if (str(data.daemonVersion)) return msg('probe.waagent-version', { daemon: data.daemonVersion, ...(str(data.goalStateVersion) ? { goal: data.goalStateVersion } : {}) });
      if (num(data.rc)) return msg('probe.waagent-no-version', { rc: data.rc });
      return ok === false ? msg('probe.waagent-missing') : undefined;
    case 'agent-service': {
      const units = data.units && typeof data.units === 'object' ? Object.entries(data.units as Record<string, unknown>) : [];
      const active = units.filter(([, s]) => s === 'active').map(([u]) => u);
      if (active.length) return msg('probe.service-active', { units: active });
      if (num(data.processes) && data.processes > 0) return msg('probe.process-only', { processes: data.processes });
      return msg('probe.no-agent');
    }
    case 'wireserver':
    case 'hostgaplugin':
    case 'imds': {
      if (!ENDPOINTS.includes(name)) return undefined;
      const endpoint = name as ProbeEndpoint;
      const status = num(data.httpStatus) ? data.httpStatus : 0;
      if (status === 200) return msg('probe.http-ok', { endpoint });
      if (endpoint !== 'imds' && data.via === 'none') return msg('probe.no-http-client');
      if (status) return msg('probe.http-status', { endpoint, status });
      return msg('probe.http-unreachable', { endpoint, ...(str(data.error) && data.error ? { error: data.error } : {}) });
    }
    case 'dhcp-245': {
      const withOpt = strs(data.with245) ?? [];
      const without = strs(data.without245) ?? [];
      if (withOpt.length) return msg('probe.dhcp-245', { files: withOpt });
      return without.length ? msg('probe.dhcp-no-245', { files: without }) : msg('probe.dhcp-unreadable');
    }
    case 'disk-free': {
      const list = Array.isArray(data.mounts) ? (data.mounts as unknown[]) : [];
      const mounts: ProbeMount[] = [];
      for (const m of list as Record<string, unknown>[]) {
        const available = size(m?.availableBytes);
        if (!m || !str(m.mount) || !num(m.usedPercent) || available === undefined) return undefined;
        mounts.push({ mount: m.mount, usedPercent: m.usedPercent, availableBytes: available });
      }
      return mounts.length ? msg('probe.df', { mounts }) : msg('probe.df-unreadable');
    }
    case 'noexec':
      if (!str(data.target)) return msg('probe.mount-unreadable');
      return data.noexec === true ? msg('probe.noexec', { target: data.target }) : msg('probe.mounted', { target: data.target, options: (strs(data.options) ?? []).join(',') });
    case 'clock-sync':
      return msg('probe.clock', { ...(typeof data.synchronized === 'boolean' ? { synchronized: data.synchronized } : {}), ...(num(data.skewSeconds) ? { skewSeconds: data.skewSeconds } : {}) });
    case 'disk-sizes': {
      if (!Array.isArray(data.disks)) return msg('probe.no-lsblk');
      const disks: ProbeDisk[] = [];
      for (const d of data.disks as Record<string, unknown>[]) {
        const bytes = size(d?.sizeBytes);
        if (!d || !str(d.name) || bytes === undefined) return undefined;
        disks.push({ name: d.name, sizeBytes: bytes });
      }
      return msg('probe.disks', { disks });
    }
    default:
      return msg('probe.unknown');
  }
}
