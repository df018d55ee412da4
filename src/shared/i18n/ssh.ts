import { entry, plural, quote, type AnalysisText } from './entry';

/**
 * The SSH collection's own sentences (keys `ssh.*`): its progress, the questions it asks, why it stopped and why it
 * failed, spread into the analysis catalogue (analysis.ts) like the pipeline's part. The English is what the
 * progress `message`, the prompts' `message`, manifest.json's `reason` and the thrown errors have always said; what
 * comes from elsewhere (ssh2's or the VM's own words) is quoted in Dutch, as log text is.
 */

/** How the collector signs in (the progress line's method; `default-keys` only in the list of what was tried). */
export type SshMethod = { kind: 'agent' } | { kind: 'key'; file: string } | { kind: 'default-keys' } | { kind: 'keyboard-interactive' } | { kind: 'password' };

const methodEn = (m: SshMethod) => (m.kind === 'agent' ? 'SSH agent' : m.kind === 'key' ? `key ${m.file}` : m.kind === 'default-keys' ? 'default keys' : m.kind);
const methodNl = (m: SshMethod) =>
  m.kind === 'agent' ? 'SSH-agent' : m.kind === 'key' ? `sleutel ${m.file}` : m.kind === 'default-keys' ? 'standaardsleutels' : m.kind === 'password' ? 'wachtwoord' : 'keyboard-interactive';
const bytesEn = (n: number) => `${n} ${plural(n, 'byte', 'bytes')}`;
const filesEn = (n: number) => `${n} ${plural(n, 'file', 'files')}`;
const filesNl = (n: number) => `${n} ${plural(n, 'bestand', 'bestanden')}`;
const bytesNl = (n: number) => `${n} ${plural(n, 'byte', 'bytes')}`;

export const SSH_MESSAGES = {
  // progress (SshProgress.note)
  'ssh.tunnel': entry({
    en: (p: { via: string; host: string; port: number }) => `Opening a tunnel through ${p.via} to ${p.host}:${p.port}`,
    nl: (p) => `Tunnel openen via ${p.via} naar ${p.host}:${p.port}`,
  }),
  'ssh.connecting': entry({ en: (p: { host: string; port: number }) => `Connecting to ${p.host}:${p.port}`, nl: (p) => `Verbinden met ${p.host}:${p.port}` }),
  'ssh.authenticating': entry({
    en: (p: { host: string; user: string; method: SshMethod }) => `Authenticating to ${p.host} as ${p.user} (${methodEn(p.method)})`,
    nl: (p) => `Aanmelden bij ${p.host} als ${p.user} (${methodNl(p.method)})`,
  }),
  'ssh.probing': entry({ en: () => 'Running live checks', nl: () => 'Controles op de VM uitvoeren' }),
  'ssh.collecting': entry({
    en: (p: { root: boolean }) => (p.root ? 'Collecting logs and agent state' : 'Collecting (without root: agent state under /var/lib/waagent will be missing)'),
    nl: (p) => (p.root ? 'Logs en toestand van de agent verzamelen' : 'Verzamelen (zonder root: de toestand van de agent onder /var/lib/waagent ontbreekt dan)'),
  }),
  'ssh.received': entry({ en: (p: { bytes: number }) => `Received ${bytesEn(p.bytes)}`, nl: (p) => `${bytesNl(p.bytes)} ontvangen` }),
  'ssh.saving': entry({ en: () => 'Saving the bundle', nl: () => 'De bundel opslaan' }),
  'ssh.saved': entry({
    en: (p: { path: string; bytes: number; files: number }) => `Saved ${p.path} (${bytesEn(p.bytes)}, ${filesEn(p.files)})`,
    nl: (p) => `Opgeslagen: ${p.path} (${bytesNl(p.bytes)}, ${filesNl(p.files)})`,
  }),
  /** The collection stopped early: the bundle holds what arrived whole (the CLI's warning, the app's first warning). */
  'ssh.incomplete': entry({
    en: (p: { reason: AnalysisText; files: number }, t) =>
      `The collection is incomplete (${t(p.reason)}). The bundle holds the ${filesEn(p.files)} that arrived whole; retry to collect the rest.`,
    nl: (p, t) =>
      `De verzameling is onvolledig (${t(p.reason)}). De bundel bevat ${p.files === 1 ? 'het ene bestand dat' : `de ${p.files} bestanden die`} volledig ${p.files === 1 ? 'is' : 'zijn'} aangekomen; probeer het opnieuw om de rest te verzamelen.`,
  }),
  /** A collection whose bundle arrived without saying what was missing (a result saved before `ssh.incomplete`). */
  'ssh.incomplete-unknown': entry({
    en: () => 'The SSH collection was incomplete; the bundle holds what arrived.',
    nl: () => 'De SSH-verzameling was onvolledig; de bundel bevat wat er is aangekomen.',
  }),
  'ssh.cancelled': entry({ en: () => 'The SSH collection was cancelled.', nl: () => 'De SSH-verzameling is geannuleerd.' }),

  // why the stream stopped (manifest.json `reason`, in English; the warning above names it)
  'ssh.stop-cancelled': entry({ en: () => 'cancelled', nl: () => 'geannuleerd' }),
  'ssh.stop-lost': entry({
    en: (p: { bytes: number; why?: AnalysisText }, t) => `the connection was lost after ${bytesEn(p.bytes)}${p.why ? ` (${t(p.why)})` : ''}`,
    nl: (p, t) => `de verbinding viel weg na ${bytesNl(p.bytes)}${p.why ? ` (${t(p.why)})` : ''}`,
  }),
  'ssh.stop-tar-status': entry({ en: (p: { code: number }) => `tar exited with status ${p.code}`, nl: (p) => `tar stopte met status ${p.code}` }),
  'ssh.stop-no-start': entry({
    en: (p: { error: string }) => `could not start the collection: ${p.error}`,
    nl: (p) => `kon de verzameling niet starten: ${quote(p.error)}`,
  }),
  'ssh.stop-size-cap': entry({
    en: (p: { max: number }) => `the size cap of ${p.max} bytes was reached`,
    nl: (p) => `de groottegrens van ${p.max} bytes is bereikt`,
  }),
  'ssh.stop-disk': entry({
    en: (p: { dir: string; free: number; cap: number }) => `the disk holding ${p.dir} would fill (${p.free} bytes free): the collection stopped after ${p.cap} uncompressed bytes`,
    nl: (p) => `de schijf met ${p.dir} zou vol raken (${p.free} bytes vrij): de verzameling stopte na ${p.cap} ongecomprimeerde bytes`,
  }),
  'ssh.stop-plain-cap': entry({
    en: (p: { cap: number }) => `the uncompressed size cap of ${p.cap} bytes (the same cap as opening a bundle) was reached`,
    nl: (p) => `de grens van ${p.cap} ongecomprimeerde bytes (dezelfde als bij het openen van een bundel) is bereikt`,
  }),
  'ssh.connection-closed': entry({ en: () => 'the connection closed', nl: () => 'de verbinding werd gesloten' }),
  /** ssh2's or the system's own words (a channel or socket error): quoted in Dutch. */
  'ssh.error': entry({ en: (p: { error: string }) => p.error, nl: (p) => quote(p.error) }),

  // why a collection failed (the thrown error; the app's banner, the CLI's last line)
  'ssh.nothing-collected': entry({
    en: (p: { why: AnalysisText }, t) => `nothing was collected: ${t(p.why)}`,
    nl: (p, t) => `er is niets verzameld: ${t(p.why)}`,
  }),
  'ssh.none-expected': entry({ en: () => 'none of the expected files exist on the VM', nl: () => 'geen van de verwachte bestanden staat op de VM' }),
  'ssh.not-targz': entry({
    en: (p: { warning: string }) => `the VM did not send a readable tar.gz (${p.warning})`,
    nl: (p) => `de VM stuurde geen leesbare tar.gz (${quote(p.warning)})`,
  }),
  'ssh.tar-exit': entry({
    en: (p: { code: number | null; stderr: string }) => `tar exited with ${p.code}: ${p.stderr}`,
    nl: (p) => `tar stopte met ${p.code}: ${quote(p.stderr)}`,
  }),
  'ssh.no-space': entry({
    en: (p: { dir: string; free: number; need: number }) => `not enough free space in ${p.dir}: ${p.free} bytes free, a collection needs more than ${p.need}`,
    nl: (p) => `te weinig vrije ruimte in ${p.dir}: ${p.free} bytes vrij, een verzameling heeft meer dan ${p.need} nodig`,
  }),
  'ssh.lost-in-checks': entry({
    en: (p: { why: AnalysisText }, t) => `connection lost during the live checks: ${t(p.why)}`,
    nl: (p, t) => `verbinding verloren tijdens de controles op de VM: ${t(p.why)}`,
  }),
  'ssh.timeout': entry({ en: (p: { host: string; port: number }) => `timed out connecting to ${p.host}:${p.port}`, nl: (p) => `time-out bij het verbinden met ${p.host}:${p.port}` }),
  'ssh.tunnel-failed': entry({
    en: (p: { host: string; port: number; error: string }) => `the jump host could not open a tunnel to ${p.host}:${p.port}: ${p.error}`,
    nl: (p) => `de tussenhost kon geen tunnel naar ${p.host}:${p.port} openen: ${quote(p.error)}`,
  }),
  'ssh.auth-failed': entry({
    en: (p: { user: string; host: string; port: number; tried: readonly SshMethod[] }) =>
      `authentication to ${p.user}@${p.host}:${p.port} failed (tried: ${p.tried.map(methodEn).join(', ') || 'nothing'})`,
    nl: (p) => `aanmelden als ${p.user}@${p.host}:${p.port} is mislukt (geprobeerd: ${p.tried.map(methodNl).join(', ') || 'niets'})`,
  }),
  /** An endpoint's connection failed with ssh2's own words. */
  'ssh.endpoint-error': entry({
    en: (p: { host: string; port: number; error: string }) => `${p.host}:${p.port}: ${p.error}`,
    nl: (p) => `${p.host}:${p.port}: ${quote(p.error)}`,
  }),
  'ssh.endpoint-closed': entry({ en: (p: { host: string; port: number }) => `${p.host}:${p.port} closed the connection`, nl: (p) => `${p.host}:${p.port} sloot de verbinding` }),
  'ssh.bad-destination': entry({ en: (p: { dest: string }) => `not a valid SSH destination: ${p.dest}`, nl: (p) => `geen geldige SSH-bestemming: ${p.dest}` }),
  'ssh.bad-port': entry({ en: (p: { dest: string }) => `not a valid port in ${p.dest}`, nl: (p) => `geen geldige poort in ${p.dest}` }),
  'ssh.too-many-jumps': entry({ en: () => 'too many jump hosts (at most 8)', nl: () => 'te veel tussenhosts (hoogstens 8)' }),

  // host keys (HostKeyError, and the questions)
  'ssh.key-revoked': entry({
    en: (p: { name: string; offered: string; file: string; line: number }) => `The host key of ${p.name} (${p.offered}) is marked @revoked in ${p.file}:${p.line}. Refusing to connect.`,
    nl: (p) => `De hostsleutel van ${p.name} (${p.offered}) staat als @revoked in ${p.file}:${p.line}. Er wordt geen verbinding gemaakt.`,
  }),
  'ssh.key-changed': entry({
    en: (p: { name: string; offered: string; file: string; line: number; known: string }) =>
      `HOST KEY CHANGED for ${p.name}: the server offered ${p.offered}, but ${p.file}:${p.line} records ${p.known}. This can be a man-in-the-middle attack or a reinstalled VM. Refusing to connect; if the change is expected, remove the old entry.`,
    nl: (p) =>
      `HOSTSLEUTEL GEWIJZIGD voor ${p.name}: de server bood ${p.offered} aan, maar ${p.file}:${p.line} vermeldt ${p.known}. Dit kan een man-in-the-middle-aanval zijn of een opnieuw geïnstalleerde VM. Er wordt geen verbinding gemaakt; verwijder de oude regel als de wijziging verwacht is.`,
  }),
  'ssh.key-type-changed': entry({
    en: (p: { name: string; type: string; offered: string; others: string }) =>
      `HOST KEY TYPE CHANGED for ${p.name}: the server offered a ${p.type} key (${p.offered}), but only ${p.others} keys are known for it. This is treated as a changed key (it can be a man-in-the-middle attack). Refusing to connect; if the change is expected, remove the old entry.`,
    nl: (p) =>
      `TYPE HOSTSLEUTEL GEWIJZIGD voor ${p.name}: de server bood een ${p.type}-sleutel aan (${p.offered}), maar er zijn alleen ${p.others}-sleutels van bekend. Dat geldt als een gewijzigde sleutel (het kan een man-in-the-middle-aanval zijn). Er wordt geen verbinding gemaakt; verwijder de oude regel als de wijziging verwacht is.`,
  }),
  'ssh.key-not-trusted': entry({
    en: (p: { name: string; offered: string }) => `The host key of ${p.name} (${p.offered}) was not trusted.`,
    nl: (p) => `De hostsleutel van ${p.name} (${p.offered}) is niet vertrouwd.`,
  }),
  'ssh.key-check-failed': entry({
    en: (p: { name: string; error: string }) => `could not check the host key of ${p.name}: ${p.error}`,
    nl: (p) => `kon de hostsleutel van ${p.name} niet controleren: ${quote(p.error)}`,
  }),
  'ssh.ask-key': entry({
    en: (p: { name: string; type: string; offered: string }) => `The authenticity of ${p.name} can't be established. ${p.type} key fingerprint is ${p.offered}. Trust it and remember it?`,
    nl: (p) => `De echtheid van ${p.name} is niet vast te stellen. De vingerafdruk van de ${p.type}-sleutel is ${p.offered}. Vertrouwen en onthouden?`,
  }),
  'ssh.ask-key-other-type': entry({
    en: (p: { name: string; type: string; offered: string; others: string }) =>
      `WARNING: ${p.name} is known by ${p.others} keys, but now offers a ${p.type} key (${p.offered}). This can be a man-in-the-middle attack. Trust it and remember it only if you know why the key changed.`,
    nl: (p) =>
      `WAARSCHUWING: ${p.name} is bekend met ${p.others}-sleutels, maar biedt nu een ${p.type}-sleutel aan (${p.offered}). Dit kan een man-in-the-middle-aanval zijn. Vertrouw en onthoud hem alleen als u weet waarom de sleutel is gewijzigd.`,
  }),
  'ssh.ask-passphrase': entry({
    en: (p: { file: string; retry: boolean }) => `Passphrase for ${p.file}${p.retry ? ' (wrong passphrase, try again)' : ''}`,
    nl: (p) => `Wachtwoordzin voor ${p.file}${p.retry ? ' (verkeerde wachtwoordzin, probeer het opnieuw)' : ''}`,
  }),
  'ssh.ask-password': entry({
    en: (p: { user: string; host: string; retry: boolean }) => `Password for ${p.user}@${p.host}${p.retry ? ' (try again)' : ''}`,
    nl: (p) => `Wachtwoord voor ${p.user}@${p.host}${p.retry ? ' (probeer het opnieuw)' : ''}`,
  }),
  'ssh.ask-sudo': entry({
    en: (p: { user: string; host: string; retry: boolean }) => `sudo password for ${p.user} on ${p.host} (needed to read /var/lib/waagent)${p.retry ? ' — wrong password, try again' : ''}`,
    nl: (p) => `sudo-wachtwoord van ${p.user} op ${p.host} (nodig om /var/lib/waagent te lezen)${p.retry ? ' — verkeerd wachtwoord, probeer het opnieuw' : ''}`,
  }),
  // main's own prompt windows (src/main/electron/prompts.ts): the box's and the secret window's words
  'ssh.box-unknown-title': entry({ en: () => 'Unknown host', nl: () => 'Onbekende host' }),
  'ssh.box-changed-title': entry({ en: () => 'Host key changed', nl: () => 'Hostsleutel gewijzigd' }),
  'ssh.box-unknown': entry({ en: (p: { host: string }) => `Trust the host key of ${p.host}?`, nl: (p) => `De hostsleutel van ${p.host} vertrouwen?` }),
  'ssh.box-changed': entry({ en: (p: { host: string }) => `The host key of ${p.host} has CHANGED.`, nl: (p) => `De hostsleutel van ${p.host} is GEWIJZIGD.` }),
  'ssh.box-fingerprint': entry({ en: (p: { fingerprint: string }) => `Fingerprint: ${p.fingerprint}`, nl: (p) => `Vingerafdruk: ${p.fingerprint}` }),
  'ssh.box-known-fingerprint': entry({ en: (p: { fingerprint: string }) => `Known fingerprint: ${p.fingerprint}`, nl: (p) => `Bekende vingerafdruk: ${p.fingerprint}` }),
  'ssh.box-trust': entry({ en: () => 'Trust and connect', nl: () => 'Vertrouwen en verbinden' }),
  'ssh.box-trust-new': entry({ en: () => 'Trust the new key', nl: () => 'De nieuwe sleutel vertrouwen' }),
  'ssh.box-cancel': entry({ en: () => 'Cancel', nl: () => 'Annuleren' }),
  'ssh.field-passphrase': entry({ en: () => 'Passphrase', nl: () => 'Wachtwoordzin' }),
  'ssh.field-sudo': entry({ en: () => 'sudo password', nl: () => 'sudo-wachtwoord' }),
  'ssh.field-password': entry({ en: () => 'Password', nl: () => 'Wachtwoord' }),
};
