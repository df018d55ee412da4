import { formatBytes } from '../../shared/i18n/format';
import { scrubPatterns } from './scrub';

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

/** Turns the raw output of one probe into a verdict. Pure: unit-tested without a VM. */
export function interpretProbe(run: ProbeRun): ProbeResult {
  const base = { name: run.name, durationMs: run.durationMs };
  if (run.error) return { ...base, ok: null, detail: `the check did not finish: ${scrubPatterns(run.error)}`, data: {} };
  const out = run.stdout;
  switch (run.name) {
    case 'waagent-version': {
      const rc = Number(/rc=(\d+)/.exec(out)?.[1] ?? run.exitCode ?? 1);
      const daemon = /WALinuxAgent-(\d+(?:\.\d+)+)/.exec(out)?.[1];
      const goal = /Goal state agent:\s*(\d+(?:\.\d+)+)/i.exec(out)?.[1];
      const python = /Python:\s*(\S+)/.exec(out)?.[1];
      if (rc === 127) return { ...base, ok: false, detail: 'waagent is not installed or not on PATH', data: {} };
      if (!daemon) return { ...base, ok: null, detail: `waagent --version printed no version (rc=${rc})`, data: { rc } };
      return { ...base, ok: true, detail: `WALinuxAgent ${daemon}${goal ? `, goal state agent ${goal}` : ''}`, data: { daemonVersion: daemon, goalStateVersion: goal, python } };
    }
    case 'agent-service': {
      const units: Record<string, string> = Object.create(null); // unit names come from the VM
      for (const m of out.matchAll(/^unit (\S+) (\S+)$/gm)) units[m[1]] = m[2];
      const processes = Number(/^procs (\d+)/m.exec(out)?.[1] ?? 0);
      const active = Object.values(units).includes('active');
      const known = Object.values(units).some((s) => s !== 'unknown' && s !== 'inactive');
      const ok = active || processes > 0 ? true : known || Object.keys(units).length > 0 ? false : null;
      const detail = active ? `agent service active (${Object.entries(units).filter(([, s]) => s === 'active').map(([u]) => u).join(', ')})` : processes > 0 ? `agent process running (${processes}) but no active unit` : 'no active agent service and no agent process';
      return { ...base, ok, detail, data: { units, processes } };
    }
    case 'wireserver':
    case 'hostgaplugin': {
      const h = http(out);
      const what = run.name === 'wireserver' ? 'WireServer 168.63.129.16:80' : 'HostGAPlugin 168.63.129.16:32526';
      const ok = h.code === 200 ? true : h.via === 'none' ? null : false;
      const detail = h.code === 200 ? `${what} answered 200` : h.via === 'none' ? 'neither curl nor python3 on the VM' : h.code ? `${what} answered HTTP ${h.code}` : `${what} unreachable${h.error ? `: ${scrubPatterns(h.error).slice(0, 200)}` : ''}`;
      return { ...base, ok, detail, data: { httpStatus: h.code, via: h.via } };
    }
    case 'imds': {
      const h = http(out);
      const data: Record<string, unknown> = { httpStatus: h.code, via: h.via };
      if (h.code === 200) {
        try {
          // Keep a few identifying fields only: IMDS also returns public keys, tags and more.
          const c = (JSON.parse(h.body) as { compute?: Record<string, unknown> }).compute ?? {};
          for (const k of ['location', 'vmSize', 'osType', 'vmId', 'name', 'provisioningState', 'zone']) if (typeof c[k] === 'string') data[k] = c[k];
        } catch {
          data.bodyTruncated = true;
        }
      }
      const ok = h.code === 200 ? true : h.via === 'none' ? null : false;
      return { ...base, ok, detail: h.code === 200 ? 'IMDS answered 200' : h.code ? `IMDS answered HTTP ${h.code}` : 'IMDS unreachable', data };
    }
    case 'dhcp-245': {
      const withOpt = [...out.matchAll(/^with245 (.+)$/gm)].map((m) => m[1]);
      const without = [...out.matchAll(/^without245 (.+)$/gm)].map((m) => m[1]);
      if (withOpt.length + without.length === 0) return { ...base, ok: null, detail: 'no readable DHCP lease file', data: { files: [] } };
      return {
        ...base,
        ok: withOpt.length > 0,
        detail: withOpt.length > 0 ? `option 245 (WireServer address) in ${withOpt.join(', ')}` : `no option 245 in ${without.join(', ')}`,
        data: { with245: withOpt, without245: without },
      };
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
      if (mounts.length === 0) return { ...base, ok: null, detail: 'df printed nothing readable', data: {} };
      const full = mounts.filter((m) => isFull(m));
      return {
        ...base,
        ok: full.length === 0,
        detail: mounts.map((m) => `${m.mount} ${m.usedPercent}% used, ${formatBytes(m.availableBytes)} free`).join('; '),
        data: { mounts, mount: mounts[0].mount, usedPercent: mounts[0].usedPercent, availableBytes: mounts[0].availableBytes },
      };
    }
    case 'noexec': {
      const line = out.split('\n').find((l) => l.trim());
      if (!line) return { ...base, ok: null, detail: 'could not read the mount options of /var/lib/waagent', data: {} };
      const fm = /^(\S+)\s+(\S+)$/.exec(line.trim());
      const mt = / on (\S+) type \S+ \(([^)]*)\)/.exec(line);
      const target = fm?.[1] ?? mt?.[1] ?? '?';
      const options = fm?.[2] ?? mt?.[2] ?? '';
      const noexec = options.split(',').includes('noexec');
      return { ...base, ok: !noexec, detail: noexec ? `${target} is mounted noexec: extensions under /var/lib/waagent cannot run` : `${target} mounted ${options}`, data: { target, options: options.split(',').filter(Boolean), noexec } };
    }
    case 'clock-sync': {
      const epoch = num(/^epoch (\d+)/m.exec(out)?.[1]);
      const skewSeconds = epoch === undefined ? undefined : Math.round(epoch - run.receivedAtMs / 1000);
      const sync = /NTPSynchronized=(yes|no)/.exec(out)?.[1] ?? /System clock synchronized:\s*(yes|no)/.exec(out)?.[1];
      const leap = /Leap status\s*:\s*(.+)/.exec(out)?.[1]?.trim();
      const synchronized = sync === 'yes' ? true : sync === 'no' ? false : leap ? leap === 'Normal' : undefined;
      const ok = synchronized === undefined ? null : synchronized;
      return {
        ...base,
        ok,
        detail: `${synchronized === undefined ? 'NTP state unknown' : synchronized ? 'clock synchronised (NTP)' : 'clock NOT synchronised'}${skewSeconds !== undefined ? `; VM clock ${skewSeconds >= 0 ? '+' : ''}${skewSeconds} s from this computer's` : ''}`,
        data: { synchronized, vmEpoch: epoch, skewSeconds, chronyLeap: leap },
      };
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
        return { ...base, ok: true, detail: disks.map((d) => `${d.name} ${formatBytes(d.sizeBytes)}`).join(', ') || 'no disks listed', data: { disks } };
      } catch {
        return { ...base, ok: null, detail: 'lsblk -J is not available or printed no JSON', data: {} };
      }
    }
    default:
      return { ...base, ok: null, detail: 'unknown probe', data: {} };
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
