import type { AnalysisParams } from '../../src/shared/i18n/analysis';
import { msg } from '../../src/shared/i18n/analysis';
import type { SSH_MESSAGES } from '../../src/shared/i18n/ssh';

type SshKey = keyof typeof SSH_MESSAGES;

const FP = 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8';
const OLD = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';

/**
 * Parameters for every message of the SSH collection's part of the catalogue (src/shared/i18n/ssh.ts), spread into
 * the catalogue test's SAMPLES: a key without a sample here does not compile. Hosts, ports and errors are those
 * the loopback sshd of test/ssh produces (ssh2's and Node's own words).
 */
export const SSH_SAMPLES: { [K in SshKey]: AnalysisParams<K> } = {
  'ssh.tunnel': { via: 'bastion.example.com', host: '10.0.0.4', port: 22 },
  'ssh.connecting': { host: '127.0.0.1', port: 2222 },
  'ssh.authenticating': { host: '127.0.0.1', user: 'azureuser', method: { kind: 'password' } },
  'ssh.probing': {},
  'ssh.collecting': { root: false },
  'ssh.received': { bytes: 1048576 },
  'ssh.saving': {},
  'ssh.saved': { path: '/home/me/vm-20261120T091403Z.tar.gz', bytes: 183402, files: 1 },
  'ssh.incomplete': { reason: msg('ssh.stop-lost', { bytes: 65536, why: msg('ssh.connection-closed') }), files: 12 },
  'ssh.incomplete-unknown': {},
  'ssh.cancelled': {},
  'ssh.stop-cancelled': {},
  'ssh.stop-lost': { bytes: 65536, why: msg('ssh.error', { error: 'read ECONNRESET' }) },
  'ssh.stop-tar-status': { code: 2 },
  'ssh.stop-no-start': { error: 'Unable to exec' },
  'ssh.stop-size-cap': { max: 1048576 },
  'ssh.stop-disk': { dir: '/home/me/bundles', free: 600000000, cap: 1000000 },
  'ssh.stop-plain-cap': { cap: 2147483648 },
  'ssh.connection-closed': {},
  'ssh.error': { error: 'connect ECONNREFUSED 127.0.0.1:2222' },
  'ssh.nothing-collected': { why: msg('ssh.none-expected') },
  'ssh.none-expected': {},
  'ssh.not-targz': { warning: 'gzip: incorrect header check' },
  'ssh.tar-exit': { code: 2, stderr: 'tar: var/lib/waagent: Cannot open: Permission denied' },
  'ssh.no-space': { dir: '/home/me/bundles', free: 1000000, need: 603979776 },
  'ssh.lost-in-checks': { why: msg('ssh.connection-closed') },
  'ssh.timeout': { host: '10.0.0.4', port: 22 },
  'ssh.tunnel-failed': { host: '10.0.0.4', port: 22, error: '(SSH) Channel open failure: Connection refused' },
  'ssh.auth-failed': { user: 'azureuser', host: '127.0.0.1', port: 2222, tried: [{ kind: 'agent' }, { kind: 'default-keys' }, { kind: 'password' }] },
  'ssh.endpoint-error': { host: '127.0.0.1', port: 2222, error: 'connect ECONNREFUSED 127.0.0.1:2222' },
  'ssh.endpoint-closed': { host: '127.0.0.1', port: 2222 },
  'ssh.bad-destination': { dest: 'ssh://azureuser@' },
  'ssh.bad-port': { dest: 'ssh://azureuser@10.0.0.4:70000' },
  'ssh.too-many-jumps': {},
  'ssh.key-revoked': { name: '[127.0.0.1]:2222', offered: FP, file: '/home/me/.ssh/known_hosts', line: 3 },
  'ssh.key-changed': { name: '[127.0.0.1]:2222', offered: FP, file: '/home/me/.config/VM Backup Doctor/known_hosts', line: 1, known: OLD },
  'ssh.key-type-changed': { name: '[127.0.0.1]:2222', type: 'ED25519', offered: FP, others: 'ssh-rsa' },
  'ssh.key-not-trusted': { name: '[127.0.0.1]:2222', offered: FP },
  'ssh.key-check-failed': { name: '[127.0.0.1]:2222', error: "EACCES: permission denied, open '/home/me/.ssh/known_hosts'" },
  'ssh.ask-key': { name: '[127.0.0.1]:2222', type: 'ED25519', offered: FP },
  'ssh.ask-key-other-type': { name: '[127.0.0.1]:2222', type: 'ED25519', offered: FP, others: 'ssh-rsa' },
  'ssh.ask-passphrase': { file: '/home/me/.ssh/id_ed25519', retry: true },
  'ssh.ask-password': { user: 'azureuser', host: '127.0.0.1', retry: false },
  'ssh.ask-sudo': { user: 'azureuser', host: '127.0.0.1', retry: true },
  'ssh.box-unknown-title': {},
  'ssh.box-changed-title': {},
  'ssh.box-unknown': { host: '127.0.0.1' },
  'ssh.box-changed': { host: '127.0.0.1' },
  'ssh.box-fingerprint': { fingerprint: FP },
  'ssh.box-known-fingerprint': { fingerprint: OLD },
  'ssh.box-trust': {},
  'ssh.box-trust-new': {},
  'ssh.box-cancel': {},
  'ssh.field-passphrase': {},
  'ssh.field-sudo': {},
  'ssh.field-password': {},
};
