/** Sizes and durations as the app and the report print them (the same figure reads the same in both). */
/** '?' for a size that is no number (an lsblk that printed `30G`); TiB for disks, the SSH probes list them too. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '?';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n < 1024 ** 4) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  return `${(n / 1024 ** 4).toFixed(2)} TiB`;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 9_950) return `${(ms / 1000).toFixed(1)} s`;
  if (Math.round(ms / 1000) < 120) return `${Math.round(ms / 1000)} s`;
  // Round the total first so 59.6 s never prints as "60 s".
  if (ms < 2 * 3600_000) {
    const sec = Math.round(ms / 1000);
    return `${Math.floor(sec / 60)} min ${sec % 60} s`;
  }
  const min = Math.round(ms / 60_000);
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}
