import type { ExtensionsDisabledFact, WaagentConfFact } from '../../../shared';
import { REDACTED, redactSecrets } from '../../../shared/redact';
import { evidence, lineText, readSmallText } from '../state/common';
import type { Parser } from '../types';
import { msg } from '../../../shared/i18n/analysis';

/** Switches the agent reads with `get_switch` (docs/formats.md "waagent.conf") and their code defaults. */
const SWITCHES: Record<string, boolean> = {
  'Extensions.Enabled': true,
  'Extensions.WaitForCloudInit': false,
  'Logs.Verbose': false,
  'Logs.Console': true,
  'Logs.Collect': true,
  'AutoUpdate.Enabled': true,
  'AutoUpdate.UpdateToLatestVersion': true,
  EnableOverProvisioning: true,
  'OS.EnableFirewall': false,
  'CGroups.Enabled': true,
  'Debug.EnableFastTrack': true,
  'Debug.EnableGAVersioning': true,
  'Debug.EnableExtensionPolicy': false,
  'Debug.EnableAgentMemoryUsageCheck': false,
  'OS.EnableRDMA': false,
  'ResourceDisk.Format': false,
  'ResourceDisk.EnableSwap': false,
  'Provisioning.DeleteRootPassword': false,
  'Provisioning.RegenerateSshHostKeyPair': false,
  'Provisioning.MonitorHostName': false,
  'Provisioning.DecodeCustomData': false,
  'Provisioning.ExecuteCustomData': false,
  'Provisioning.AllowResetSysUser': false,
  'OS.AllowHTTP': false,
  'OS.EnableFIPS': false,
  'OS.UpdateRdmaDriver': false,
  'OS.CheckRdmaDriver': false,
};

/** Keys the agent no longer reads at all. */
const REMOVED: Record<string, string> = {
  'Provisioning.Enabled': 'removed in WALinuxAgent 2.2.45 (replaced by Provisioning.Agent); the agent ignores it',
  'Provisioning.UseCloudInit': 'removed in WALinuxAgent 2.2.45 (replaced by Provisioning.Agent); the agent ignores it',
};

const PROVISIONING_AGENTS = new Set(['auto', 'waagent', 'cloud-init', 'disabled']);

/**
 * Keys whose value is a secret whatever it looks like: the last dotted segment names a password, secret,
 * token, credential or key (`HttpProxy.Password`, `Foo.ApiKey`). Switches (`Provisioning.DeleteRootPassword`)
 * are never secret: their value only matters as y/n.
 */
const SECRET_KEY = /(?:^|\.)[\w-]*(?:password|passwd|passphrase|secret|token|credentials?|apikey|key|sas(?:uri|token)?)$/i;
/** A free-text line that may carry a secret. */
const SECRET_WORD = /pass|secret|token|credential|key|sig=|@/i;
/** Credentials in a proxy URL or host (`http://user:pass@proxy:3128`, `user:pass@proxy`); the password may hold `@`. */
const USERINFO = /^((?:[a-z][a-z0-9+.-]*:\/\/)?[^\s:@/]*:)[^\s/]+@/i;

/**
 * A conf value as it may enter the fact: a secret-named key loses its value, a password in a proxy URL is
 * cut, and SAS signatures, protectedSettings and the like go through the shared redactor
 * (src/shared/redact.ts). Values the diagnosis reads (switches, paths, agent names)
 * never match and stay as written.
 */
export function redactConfValue(key: string, value: string): string {
  if (!(key in SWITCHES) && SECRET_KEY.test(key) && value !== '') return REDACTED;
  return redactSecrets(value.replace(USERINFO, `$1${REDACTED}@`));
}

/**
 * /etc/waagent.conf as `ConfigurationProvider.load` reads it: `#` lines skipped, split on the first
 * `=`, inline `#` cut, quotes stripped, `None` = unset, last duplicate wins, keys case-sensitive.
 * Switches take only y/n: anything else silently means the default, which is exactly the trap
 * (`Extensions.Enabled=false` keeps extensions ON), so those values are listed in `ignored`.
 * Secret-bearing values (proxy credentials, password/secret/key-like keys, SAS tokens) are redacted
 * before they are kept (redactConfValue), so no secret from the conf reaches the fact.
 */
export const parseWaagentConf: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink, 1024 * 1024);
  if (text === null) return;
  // null prototypes: keys come from the file (`__proto__=…` is a key like any other)
  const values: Record<string, string> = Object.create(null);
  const lineOfKey: Record<string, number> = Object.create(null);
  const ignored: WaagentConfFact['ignored'] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const eq = t.indexOf('=');
    if (eq < 0) {
      // No key to judge by: a line that names a secret is not echoed at all.
      sink.warn(msg('parse.conf-line-without-equals', SECRET_WORD.test(t) ? {} : { line: redactSecrets(t.slice(0, 80)) }), i + 1);
      return;
    }
    const key = t.slice(0, eq).trim();
    let value = t.slice(eq + 1);
    const hash = value.indexOf('#');
    if (hash >= 0) value = value.slice(0, hash);
    value = value.trim().replace(/^["']|["']$/g, '').trim();
    if (!key) return;
    if (value === 'None') {
      delete values[key];
      lineOfKey[key] = i + 1;
      return;
    }
    // Redacted before it is kept: the fact, `ignored` and `effective` only ever see the redacted value.
    values[key] = redactConfValue(key, value);
    lineOfKey[key] = i + 1;
  });

  const sw = (key: string): boolean => {
    const v = values[key];
    const def = SWITCHES[key];
    if (v === undefined) return def;
    if (/^y$/i.test(v)) return true;
    if (/^n$/i.test(v)) return false;
    return def;
  };
  for (const [key, value] of Object.entries(values)) {
    if (key in SWITCHES && !/^[yn]$/i.test(value)) {
      ignored.push({
        key,
        value,
        line: lineOfKey[key],
        reason: `switches accept only y or n; "${value}" silently means the default (${SWITCHES[key] ? 'y' : 'n'})`,
      });
    } else if (key in REMOVED) {
      ignored.push({ key, value, line: lineOfKey[key], reason: REMOVED[key] });
    } else if (key === 'Provisioning.Agent' && !PROVISIONING_AGENTS.has(value.toLowerCase())) {
      ignored.push({ key, value, line: lineOfKey[key], reason: `unknown provisioning agent "${value}" (auto, waagent, cloud-init or disabled)` });
    }
  }
  const ignoredKeys = new Set(ignored.map((g) => g.key));
  // AutoUpdate.UpdateToLatestVersion (2.10.0.8+) overrides AutoUpdate.Enabled when it is set to y/n
  const upd = values['AutoUpdate.UpdateToLatestVersion'];
  const autoUpdate = upd !== undefined && /^[yn]$/i.test(upd) ? /^y$/i.test(upd) : sw('AutoUpdate.Enabled');
  const host = values['HttpProxy.Host'];
  const port = values['HttpProxy.Port'];
  const prov = values['Provisioning.Agent'];
  const effective: WaagentConfFact['effective'] = {
    extensionsEnabled: sw('Extensions.Enabled'),
    provisioningAgent: prov && !ignoredKeys.has('Provisioning.Agent') ? prov.toLowerCase() : 'auto',
    autoUpdate,
    verbose: sw('Logs.Verbose'),
    ...(values['Protocol.EndpointDiscovery'] ? { endpointDiscovery: values['Protocol.EndpointDiscovery'] } : {}),
    ...(host ? { httpProxy: port ? `${host}:${port}` : host } : {}),
    libDir: values['Lib.Dir'] || '/var/lib/waagent',
    enableFirewall: sw('OS.EnableFirewall'),
  };
  const extLine = lineOfKey['Extensions.Enabled'] ?? 0;
  const fact: WaagentConfFact = {
    kind: 'waagent-conf',
    at: evidence(file.vmPath, extLine, extLine ? lineText(text, extLine) : 'waagent.conf'),
    timeMs: NaN,
    values,
    effective,
    ignored,
  };
  sink.fact(fact);
  if (!effective.extensionsEnabled) {
    const off: ExtensionsDisabledFact = { kind: 'extensions-disabled', at: evidence(file.vmPath, extLine, lineText(text, extLine)), timeMs: NaN, source: 'conf' };
    sink.fact(off);
  }
};
