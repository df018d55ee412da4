import { msg, renderAnalysis } from '../../shared/i18n/analysis';
import { probeNote, type ProbeNote } from '../../shared/probe-note';
import { imdsCompute } from '../../shared/formats/platform';
import { scrubPatterns } from './scrub';
import { readWaagentVersion } from '../parse/system/waagent-version';

/** One entry of probes.json (schemaVersion 1). */
export interface ProbeResult {
  name: string;
  /** true = healthy, false = the check found a problem, null = could not tell. */
  ok: boolean | null;
  detail: string;
  data: Record<string, unknown>;
  durationMs: number;
}

export interface ProbeRun {
  name: string;
  stdout: string;
  exitCode: number | null;
  durationMs: number;
  /** Set when the probe did not finish (timeout, channel error). */
  error?: string;
  /** Local clock when the output arrived (for clock-sync). */
  receivedAtMs: number;
}

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

function http(out: string): { code: number; via: string; body: string; error?: string } {
  const m = /\n?__HTTP__(\d{3})\s*$/m.exec(out);
  const code = m ? Number(m[1]) : 0;
  const via = /^via=(\S+)/m.exec(out)?.[1] ?? 'none';
  const body = m ? out.slice(0, m.index) : '';
  const error = /^(?:curl: .*|error=.*)$/m.exec(out)?.[0];
  return { code, via, body, error };
}

/** ProbeRun.error of a check the VM's `timeout` ended (exit code 124). */
export const PROBE_TIMED_OUT = 'timed out on the VM';

/**
 * Turns the raw output of one probe into a verdict. Pure: unit-tested without a VM. What it found is a catalogue
 * message made from its data (probeNote: the probes.json parser makes the same one from the file), its English
 * the `detail` probes.json has always carried.
 */
export function interpretProbe(run: ProbeRun): ProbeResult & { note: ProbeNote } {
  const { ok, data } = verdictOf(run);
  const note = probeNote(run.name, ok, data) ?? msg('probe.unknown');
  return { name: run.name, durationMs: run.durationMs, ok, detail: renderAnalysis(note, 'en'), note, data };
}

function verdictOf(run: ProbeRun): { ok: boolean | null; data: Record<string, unknown> } {
  if (run.error) return { ok: null, data: { unfinished: run.error === PROBE_TIMED_OUT ? true : scrubPatterns(run.error) } };
  const out = run.stdout;
  switch (run.name) {
    case 'waagent-version': {
      const rc = Number(/rc=(\d+)/.exec(out)?.[1] ?? run.exitCode ?? 1);
      const version = readWaagentVersion(out);
      if (rc === 127) return { ok: false, data: {} };
      if (!version) return { ok: null, data: { rc } };
      return { ok: true, data: { ...version } };
    }
    case 'agent-service': {
      const units: Record<string, string> = Object.create(null); // unit names come from the VM
      for (const m of out.matchAll(/^unit (\S+) (\S+)$/gm)) units[m[1]] = m[2];
      const processes = Number(/^procs (\d+)/m.exec(out)?.[1] ?? 0);
      const active = Object.values(units).includes('active');
      const known = Object.values(units).some((s) => s !== 'unknown' && s !== 'inactive');
      const ok = active || processes > 0 ? true : known || Object.keys(units).length > 0 ? false : null;
      return { ok, data: { units, processes } };
    }
    case 'wireserver':
    case 'hostgaplugin': {
      const h = http(out);
      const ok = h.code === 200 ? true : h.via === 'none' ? null : false;
      return { ok, data: { httpStatus: h.code, via: h.via, ...(h.code === 0 && h.via !== 'none' && h.error ? { error: scrubPatterns(h.error).slice(0, 200) } : {}) } };
    }
    case 'imds': {
      const h = http(out);
      const data: Record<string, unknown> = { httpStatus: h.code, via: h.via };
      if (h.code === 200) {
        try {
          // Keep a few identifying fields only: IMDS also returns public keys, tags and more.
          Object.assign(data, imdsCompute(JSON.parse(h.body)) ?? {});
        } catch {
          data.bodyTruncated = true;
        }
      }
      return { ok: h.code === 200 ? true : h.via === 'none' ? null : false, data };
    }
    case 'dhcp-245': {
      const withOpt = [...out.matchAll(/^with245 (.+)$/gm)].map((m) => m[1]);
      const without = [...out.matchAll(/^without245 (.+)$/gm)].map((m) => m[1]);
      if (withOpt.length + without.length === 0) return { ok: null, data: { files: [] } };
      return { ok: withOpt.length > 0, data: { with245: withOpt, without245: without } };
    }
    case 'disk-free': {
      const mounts: { mount: string; usedPercent: number; availableBytes: number; filesystem: string }[] = [];
      for (const line of out.split('\n').slice(1)) {
        const f = line.trim().split(/\s+/);
        if (f.length < 6 || !/^\d+%$/.test(f[4])) continue;
        const mount = f.slice(5).join(' ');
        if (mounts.some((m) => m.mount === mount)) continue;
        mounts.push({ filesystem: f[0], mount, usedPercent: Number(f[4].slice(0, -1)), availableBytes: Number(f[3]) * 1024 });
      }
      if (mounts.length === 0) return { ok: null, data: {} };
      return { ok: !mounts.some((m) => isFull(m)), data: { mounts, mount: mounts[0].mount, usedPercent: mounts[0].usedPercent, availableBytes: mounts[0].availableBytes } };
    }
    case 'noexec': {
      const line = out.split('\n').find((l) => l.trim());
      if (!line) return { ok: null, data: {} };
      const fm = /^(\S+)\s+(\S+)$/.exec(line.trim());
      const mt = / on (\S+) type \S+ \(([^)]*)\)/.exec(line);
      const target = fm?.[1] ?? mt?.[1] ?? '?';
      const options = fm?.[2] ?? mt?.[2] ?? '';
      const noexec = options.split(',').includes('noexec');
      return { ok: !noexec, data: { target, options: options.split(',').filter(Boolean), noexec } };
    }
    case 'clock-sync': {
      const epoch = num(/^epoch (\d+)/m.exec(out)?.[1]);
      const skewSeconds = epoch === undefined ? undefined : Math.round(epoch - run.receivedAtMs / 1000);
      const sync = /NTPSynchronized=(yes|no)/.exec(out)?.[1] ?? /System clock synchronized:\s*(yes|no)/.exec(out)?.[1];
      const leap = /Leap status\s*:\s*(.+)/.exec(out)?.[1]?.trim();
      const synchronized = sync === 'yes' ? true : sync === 'no' ? false : leap ? leap === 'Normal' : undefined;
      return { ok: synchronized === undefined ? null : synchronized, data: { synchronized, vmEpoch: epoch, skewSeconds, chronyLeap: leap } };
    }
    case 'disk-sizes': {
      try {
        const doc = JSON.parse(out) as { blockdevices?: LsblkDev[] };
        const disks = (doc.blockdevices ?? []).filter((d) => d.type === 'disk').map((d) => ({
          name: String(d.name),
          sizeBytes: Number(d.size),
          encrypted: hasCrypt(d),
          partitions: (d.children ?? []).map((c) => ({ name: String(c.name), sizeBytes: Number(c.size), type: String(c.type), mountpoint: c.mountpoint ?? undefined })),
        }));
        return { ok: true, data: { disks } };
      } catch {
        return { ok: null, data: {} };
      }
    }
    default:
      return { ok: null, data: {} };
  }
}

interface LsblkDev {
  name: unknown;
  size: unknown;
  type: unknown;
  mountpoint?: string | null;
  children?: LsblkDev[];
}

function hasCrypt(d: LsblkDev): boolean {
  return d.type === 'crypt' || (d.children ?? []).some(hasCrypt);
}

/** "Full" the way the agent experiences it: nothing left to write extension state or logs. */
export function isFull(m: { usedPercent: number; availableBytes: number }): boolean {
  return m.usedPercent >= 100 || m.availableBytes < 1024 * 1024;
}

/** probes.json, one probe per line so a parser can point at the line of each probe as evidence. */
export function formatProbesJson(results: ProbeResult[], collectedAt: string): string {
  const lines = results.map((r) => JSON.stringify({ name: r.name, ok: r.ok, detail: r.detail, data: r.data, durationMs: r.durationMs }));
  return `{"schemaVersion":1,"collectedAt":${JSON.stringify(collectedAt)},"probes":[\n${lines.join(',\n')}\n]}\n`;
}
