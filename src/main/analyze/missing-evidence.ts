import type { BundleFile, MissingEvidence } from '../../shared';

/** What the bundle lacks for a full diagnosis, and how to collect it. */
export function missingEvidence(files: readonly BundleFile[]): MissingEvidence[] {
  const has = (re: RegExp) => files.some((f) => re.test(f.vmPath));
  const kinds = new Set(files.map((f) => f.kind));
  const out: MissingEvidence[] = [];
  if (!kinds.has('waagent-log')) {
    out.push({
      what: '/var/log/waagent.log',
      why: 'The guest agent log shows whether the agent ran, reached the WireServer and executed the backup extension.',
      howToCollect: 'Run `sudo waagent -collect-logs` on the VM and attach /var/lib/waagent/logcollector/logs.zip, or copy /var/log/waagent.log*.',
    });
  }
  if (!has(/^var\/lib\/waagent\//)) {
    out.push({
      what: '/var/lib/waagent (goal states, extension status and settings)',
      why: 'Extension status files and goal states show what the agent was asked to do and what the extension reported. A sosreport does not include /var/lib/waagent.',
      howToCollect: 'Run `sudo waagent -collect-logs` (it includes /var/lib/waagent/history and the extension status files), or connect over SSH from this app.',
    });
  }
  if (!kinds.has('vmsnapshot-extension-log')) {
    out.push({
      what: '/var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log',
      why: 'The backup extension log shows each snapshot task: freeze, snapshot, thaw and the final status code.',
      howToCollect: 'Collect /var/log/azure/* (included in `waagent -collect-logs`).',
    });
  }
  if (!kinds.has('waagent-conf')) {
    out.push({
      what: '/etc/waagent.conf',
      why: 'The agent configuration shows whether extension handling, provisioning and auto-update are enabled.',
      howToCollect: 'Copy /etc/waagent.conf (included in `waagent -collect-logs`).',
    });
  }
  return out;
}
