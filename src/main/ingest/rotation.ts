/**
 * Rotated logs (logrotate's `waagent.log.1`, `waagent.log.2.gz`, dateext `waagent.log-20240115`, `waagent.log.20240115.gz`,
 * `waagent.log-2024-01-15-1705312345.gz`,
 * syslog's `syslog.1`, ...). Files of one log share a group (the current file's path); index 0 is the current
 * file and higher is older, so the pipeline can read a group oldest → newest as one continuous history.
 */

/** Bases that are logs even without a `.log` suffix. */
const PLAIN_LOGS = /^(syslog|messages|dmesg|secure|kern|cron|boot|dpkg|yum)$/;

interface RotationKey {
  group: string;
  /** 0 current, 1 dateext (newest first), 2 numbered. */
  cls: number;
  /** Within a class: larger = older. */
  age: number;
}

/** Splits a log path into its group and how old the name says it is; undefined when it is not a log. */
export function rotationKey(vmPath: string): RotationKey | undefined {
  // dateext's date follows a `-` (its default `-%Y%m%d`) or a `.` (`dateformat .%Y%m%d`, as some images set it)
  const m = /^(.*?)(?:\.(\d{1,4})|[-.](\d{4})-?(\d\d)-?(\d\d)(?:-?(\d{2,}))?)?(\.(?:gz|bz2|xz|zst))?$/.exec(vmPath);
  if (!m) return undefined;
  const group = m[1];
  const base = group.slice(group.lastIndexOf('/') + 1);
  if (!/\.log$/.test(base) && !PLAIN_LOGS.test(base)) return undefined;
  if (m[2] !== undefined) return { group, cls: 2, age: Number(m[2]) };
  if (m[3] !== undefined) {
    if (+m[4] < 1 || +m[4] > 12 || +m[5] < 1 || +m[5] > 31) return undefined;
    // dateext: `-%Y-%m-%d-%s` carries the epoch (exact order); `-%Y%m%d` only the day.
    const epoch = m[6] && m[6].length >= 9 ? Number(m[6]) * 1000 : Date.UTC(+m[3], +m[4] - 1, +m[5]) + Number(m[6] ?? 0);
    return { group, cls: 1, age: -epoch };
  }
  if (m[7]) return undefined; // `foo.log.gz` without a number: not a rotation we recognise
  return { group, cls: 0, age: 0 };
}

/**
 * Sets `rotation` on every log file and reorders the list so each group's files are adjacent, oldest first,
 * at the place of the group's first file. Numbered files count as older than dated ones: a VM that moved
 * from the old `rotate 6` scheme to dateext keeps its `.N.gz` files from before the switch. A log's files may come
 * from several inputs (a loose `.1` beside a zip's log) and are chained as one; but where one name is in the group
 * twice (another VM's `other-vm/var/log/waagent.log` beside this VM's), the files are two logs, and each VM root
 * (`rootOf`, ingest/roots.ts) is chained on its own: the other VM's current log is not an older rotation of this one's.
 */
export function applyRotation<T extends { vmPath: string; rotation?: { group: string; index: number } }>(files: T[], rootOf: (f: T) => string = () => ''): T[] {
  const keys = files.map((f) => rotationKey(f.vmPath));
  const byGroup = new Map<string, number[]>();
  keys.forEach((k, i) => {
    if (!k) return;
    const list = byGroup.get(k.group);
    if (list) list.push(i);
    else byGroup.set(k.group, [i]);
  });
  // the chain each file is in: its group, or its group under its root where the group holds a name twice
  const chain = keys.map(() => '');
  for (const [group, members] of byGroup) {
    const twice = new Set(members.map((i) => files[i].vmPath)).size < members.length;
    for (const i of members) chain[i] = twice ? `${rootOf(files[i])}\0${group}` : group;
  }
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    if (!k) return;
    const list = groups.get(chain[i]);
    if (list) list.push(i);
    else groups.set(chain[i], [i]);
  });
  for (const members of groups.values()) {
    members.sort((a, b) => keys[a]!.cls - keys[b]!.cls || keys[a]!.age - keys[b]!.age || a - b);
    members.forEach((i, index) => (files[i].rotation = { group: keys[i]!.group, index }));
  }
  const out: T[] = [];
  const placed = new Set<string>();
  files.forEach((f, i) => {
    if (!keys[i]) return void out.push(f);
    if (placed.has(chain[i])) return;
    placed.add(chain[i]);
    const members = groups.get(chain[i])!;
    for (let j = members.length - 1; j >= 0; j--) out.push(files[members[j]]);
  });
  return out;
}
