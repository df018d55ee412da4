import ssh2 from 'ssh2';

/**
 * A fresh ed25519 host key for a test SSH server. ssh2's generator now and then writes a key its own parser rejects
 * ("Malformed OpenSSH private key": 10 of 3,000 here), which failed a CI run; a key is taken only once it parses.
 */
export function ed25519HostKey(): string {
  for (;;) {
    const key = ssh2.utils.generateKeyPairSync('ed25519').private;
    if (!(ssh2.utils.parseKey(key) instanceof Error)) return key;
  }
}
