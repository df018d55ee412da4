import type { AnalysisParams } from '../../src/shared/i18n/analysis';
import { msg } from '../../src/shared/i18n/analysis';
import type { PIPELINE_MESSAGES } from '../../src/shared/i18n/pipeline';

type PipelineKey = keyof typeof PIPELINE_MESSAGES;

/**
 * Parameters for every message of the pipeline's, the app's and the live checks' part of the catalogue
 * (src/shared/i18n/pipeline.ts), spread into the catalogue test's SAMPLES: a key without a sample here does not
 * compile. Errors are Node's and curl's own; probe outputs are those of test/ssh (probes of the test VMs).
 */
export const PIPELINE_SAMPLES: { [K in PipelineKey]: AnalysisParams<K> } = {
  'pipeline.no-input': { reasons: [msg('ingest.cannot-read', { path: '/tmp/logs.zip', error: "ENOENT: no such file or directory, stat '/tmp/logs.zip'" })] },
  'pipeline.evidence-unread': { path: 'var/log/waagent.log', count: 3, error: "EACCES: permission denied, open '/tmp/bundle/var/log/waagent.log'" },
  'pipeline.multiple-vms': { basis: 'overlap', log: 'var/log/waagent.log', vms: [{ root: 'case-4711' }, { root: 'case-4711/other-vm' }] },
  'pipeline.only-vm': { root: 'case-4711/other-vm', files: 14, of: 31 },
  'pipeline.no-vm-root': { root: 'logs.zip!vm3', roots: ['logs.zip!vm1', 'logs.zip!vm2'] },
  'extension.requested': { version: '1.0.9188.0', state: 'enabled', seqNo: 15 },
  'app.open-first': {},
  'app.bundle-closed': {},
  'app.not-chosen': {},
  'app.not-image': { format: 'png' },
  'app.worker-stopped': { code: 1 },
  'app.worker-failed': { error: 'Worker terminated due to reaching memory limit: JS heap out of memory' },
  'app.failed': { error: "EACCES: permission denied, open '/home/support/report.pdf'" },
  'probe.unfinished': {},
  'probe.waagent-missing': {},
  'probe.waagent-no-version': { rc: 1 },
  'probe.waagent-version': { daemon: '2.2.45', goal: '2.9.1.1' },
  'probe.service-active': { units: ['walinuxagent.service'] },
  'probe.process-only': { processes: 2 },
  'probe.no-agent': {},
  'probe.http-ok': { endpoint: 'wireserver' },
  'probe.http-status': { endpoint: 'hostgaplugin', status: 503 },
  'probe.http-unreachable': { endpoint: 'wireserver', error: 'curl: (28) Connection timed out after 5001 milliseconds' },
  'probe.no-http-client': {},
  'probe.dhcp-unreadable': {},
  'probe.dhcp-245': { files: ['/var/lib/dhcp/dhclient.eth0.leases'] },
  'probe.dhcp-no-245': { files: ['/var/lib/NetworkManager/internal-eth0.lease'] },
  'probe.df-unreadable': {},
  'probe.df': { mounts: [{ mount: '/', usedPercent: 100, availableBytes: 0 }, { mount: '/var', usedPercent: 41, availableBytes: 5905580032 }] },
  'probe.mount-unreadable': {},
  'probe.noexec': { target: '/var' },
  'probe.mounted': { target: '/', options: 'rw,relatime' },
  'probe.clock': { synchronized: false, skewSeconds: -312 },
  // (a list of disks reads the same in both languages: an lsblk that listed none)
  'probe.disks': { disks: [] },
  'probe.no-lsblk': {},
  'probe.unknown': {},
};
