/**
 * Why the Linux agent's openssl command failed, in openssl's or the shell's words (waagent.log). One declaration for
 * the parser, which quotes the first reason a record says after the command (src/main/parse/waagent/catalogue.ts
 * opensslWhy), waagent.log's marker scan, which finds the reasons openssl writes on a line of their own, and
 * certificate-missing, which picks the fix from the reason's class:
 * - `unrunnable`: openssl cannot be run (its program, OS.OpensslPath, its configuration file): install it or fix the setting;
 * - `fips`: FIPS mode refuses the cipher of the certificates' package: the agent's FIPS support, not openssl, is the fix.
 */

export type OpensslWhyClass = 'unrunnable' | 'fips';

export interface OpensslReason {
  readonly class: OpensslWhyClass;
  /** What the parser quotes: a regular expression's source, bounded (log text is hostile). */
  readonly pattern: string;
  /**
   * A literal in every match that openssl writes on a line after the command's (the marker scan looks for it there),
   * cut where a whole word would overlap another marker phrase; none where the reason is on the command's own line.
   */
  readonly phrase?: string;
  /** Where it was seen. */
  readonly source: string;
  /** A line that says it, verbatim from the source (test/shared/openssl.test.ts). */
  readonly sample: string;
}

const ISSUES = 'https://github.com/Azure/WALinuxAgent/issues/';
const EVP_FETCH_3489 = '4037D277017F0000:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:crypto/evp/evp_fetch.c:375:Global default library context, Algorithm (DES-EDE3-CBC : 65), Properties ())';

/** In the order the parser's alternation tries them (the first that matches at a place wins). */
export const OPENSSL_REASONS: readonly OpensslReason[] = [
  // the shell's `/bin/sh: 1: /usr/bin/openssl: not found`; `None: not found` for OS.OpensslPath copied with its comment
  { class: 'unrunnable', pattern: String.raw`\S{0,100}\b(?:openssl|None): not found`, source: `${ISSUES}2703, ${ISSUES}1674, ${ISSUES}763`, sample: '2017/06/16 04:02:34.907113 ERROR Result: /bin/sh: 1: None: not found' },
  // the shell's exit code for a program it cannot find
  { class: 'unrunnable', pattern: String.raw`return code: \[127\]`, source: `${ISSUES}2703`, sample: '2022-11-11T01:24:18.577282Z ERROR ExtHandler Command: [/usr/bin/openssl req -x509 -nodes -subj /CN=LinuxTransport -days 730 -newkey rsa:2048 -keyout /var/lib/waagent/TransportPrivate.pem -out /var/lib/waagent/TransportCert.pem], return code: [127], result: [/bin/sh: 1: /usr/bin/openssl: not found' },
  // its configuration file cannot be read
  { class: 'unrunnable', pattern: String.raw`Unable to load config info from \S{1,200}`, phrase: 'Unable to load config info', source: `${ISSUES}1402`, sample: 'Unable to load config info from /FIPS/1.0.2l-plus/Linux_x86_64/ssl/openssl.cnf' },
  { class: 'unrunnable', pattern: String.raw`can't open config file: \S{1,200}`, phrase: "can't open config file", source: `${ISSUES}1402`, sample: "2018/11/22 14:54:37.245136 ERROR Result: WARNING: can't open config file: /FIPS/1.0.2l-plus/Linux_x86_64/ssl/openssl.cnf" },
  { class: 'unrunnable', pattern: String.raw`configuration file routines:\w{1,40}:[\w ]{1,60}`, phrase: 'configuration file routine', source: `${ISSUES}2684`, sample: '139912400996240:error:0E065068:configuration file routines:STR_COPY:variable has no value:conf_def.c:584:line 23' },
  // `EVP_PBE_CipherInit:unknown cipher` (openssl 1.x)
  { class: 'fips', pattern: String.raw`\w{1,40}:unknown cipher`, phrase: 'CipherInit:unknown', source: `${ISSUES}668, ${ISSUES}760`, sample: '140528231827360:error:060740A0:digital envelope routines:EVP_PBE_CipherInit:unknown cipher:evp_pbe.c:181:' },
  // openssl 3: `inner_evp_generic_fetch:unsupported … Algorithm (DES-EDE3-CBC : 65)`
  { class: 'fips', pattern: 'inner_evp_generic_fetch:unsupported', phrase: 'inner_evp_generic_fetch:unsupported', source: `${ISSUES}3489`, sample: EVP_FETCH_3489 },
  { class: 'fips', pattern: String.raw`Algorithm \([\w-]{1,40} : \d{1,5}\)`, source: `${ISSUES}3489`, sample: EVP_FETCH_3489 },
  { class: 'fips', pattern: String.raw`FIPS mode[^\]\n]{0,60}`, source: `${ISSUES}1788`, sample: '2020/02/21 23:26:37.602290 ERROR Daemon Command: [/usr/bin/openssl req -x509 -nodes -subj /CN=LinuxTransport -days 730 -newkey rsa:2048 -keyout /var/lib/waagent/TransportPrivate.pem -out /var/lib/waagent/TransportCert.pem], return code: [1], result: [FIPS mode' },
];

/** Any reason: what the parser quotes (its match). */
export const OPENSSL_WHY = new RegExp(OPENSSL_REASONS.map((r) => r.pattern).join('|'));

/** The reasons of one class, anywhere in a text (a certificate-problem fact's detail quotes one after its command). */
export const OPENSSL_WHY_OF: Readonly<Record<OpensslWhyClass, RegExp>> = {
  unrunnable: whyOf('unrunnable'),
  fips: whyOf('fips'),
};
function whyOf(c: OpensslWhyClass): RegExp {
  return new RegExp(OPENSSL_REASONS.filter((r) => r.class === c).map((r) => r.pattern).join('|'));
}

/** The marker phrases of the reasons openssl writes on a line of their own. */
export const OPENSSL_WHY_PHRASES: readonly string[] = OPENSSL_REASONS.flatMap((r) => (r.phrase ? [r.phrase] : []));
