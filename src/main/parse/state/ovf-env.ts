import type { AgentDisabledFact, OvfEnvFact } from '../../../shared';
import type { Parser } from '../types';
import { evidence, lineOf, lineText, readSmallText } from './common';
import { at, parseXml, textOf } from './xml';
import { msg } from '../../../shared/i18n/analysis';

/**
 * ovf-env.xml (docs/formats.md "ovf-env.xml and markers") → host name and ProvisionGuestAgent. The file also holds
 * UserPassword, CustomData and SSH keys: they are never read into a fact, and evidence lines are
 * taken only from the HostName / ProvisionGuestAgent lines.
 */
export const parseOvfEnv: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink);
  if (text === null) return;
  const doc = parseXml(text, sink);
  const env = doc?.Environment;
  if (!env) {
    if (doc) sink.warn(msg('parse.no-root', { doc: 'ovf-env', root: 'Environment' }));
    return;
  }
  const linux = at(env, 'ProvisioningSection/LinuxProvisioningConfigurationSet');
  const win = at(env, 'ProvisioningSection/WindowsProvisioningConfigurationSet');
  const hostname = textOf(at(linux, 'HostName')) ?? textOf(at(win, 'ComputerName'));
  const pga = textOf(at(env, 'PlatformSettingsSection/PlatformSettings/ProvisionGuestAgent'));
  const provisionGuestAgent = pga === undefined ? undefined : pga.trim().toLowerCase() !== 'false';
  const hostLine = lineOf(text, /<(?:\w+:)?HostName>/);
  const pgaLine = lineOf(text, /<(?:\w+:)?ProvisionGuestAgent>/);
  const line = hostLine || pgaLine;
  const fact: OvfEnvFact = {
    kind: 'ovf-env',
    at: evidence(file.vmPath, line, line ? lineText(text, line) : 'ovf-env.xml'),
    timeMs: NaN,
    ...(hostname ? { hostname: hostname.trim().slice(0, 255) } : {}),
    ...(provisionGuestAgent !== undefined ? { provisionGuestAgent } : {}),
  };
  sink.fact(fact);
  if (provisionGuestAgent === false) {
    const disabled: AgentDisabledFact = {
      kind: 'agent-disabled',
      at: evidence(file.vmPath, pgaLine, lineText(text, pgaLine)),
      timeMs: NaN,
      reason: 'ovf-provision-guest-agent-false',
    };
    sink.fact(disabled);
  }
};
