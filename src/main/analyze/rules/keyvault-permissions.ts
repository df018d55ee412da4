import type { Evidence } from '../../../shared';
import { notEvaluable, type Rule, type RuleContext, type RuleOutcome } from '../types';
import { msg } from '../../../shared/i18n/analysis';

/**
 * keyvault-permissions: an encrypted VM (Azure Disk Encryption) whose Key Vault does not let the
 * Backup Management Service read keys and secrets. The access policy lives in Azure, so the guest can
 * only hint: the ADE extension present (goal state, handler folder, Windows plugin) raises it to
 * detected/low with the check to make; no ADE anywhere in a bundle that lists the extensions rules
 * it out (low); otherwise not evaluable.
 */
const ADE = /Microsoft\.Azure\.Security\.AzureDiskEncryption(?:ForLinux|ForWindows)?\b/i;

function evaluate(ctx: RuleContext): RuleOutcome {
  const evidence: Evidence[] = [];
  for (const f of ctx.facts.of('extensions-config')) if (f.plugins.some((p) => ADE.test(p.name))) evidence.push(f.at);
  for (const f of ctx.facts.of('handler-state')) if (ADE.test(f.handler)) evidence.push(f.at);
  for (const f of ctx.facts.of('extension-settings')) if (ADE.test(f.handler)) evidence.push(f.at);
  for (const f of ctx.files) {
    if (evidence.length >= 10) break;
    if (ADE.test(f.vmPath) && !evidence.some((e) => e.file === f.vmPath)) evidence.push({ file: f.vmPath, line: 0, time: null, text: `${f.vmPath} (Azure Disk Encryption extension file)` });
  }
  if (evidence.length) {
    return {
      verdict: 'detected',
      confidence: 'low',
      reason: msg('keyvault-permissions.ade'),
      evidence: evidence.slice(0, 10),
    };
  }
  const listed = ctx.facts.of('extensions-config').length > 0 || ctx.facts.of('handler-state').length > 0;
  if (listed) {
    return {
      verdict: 'ruled-out',
      confidence: 'low',
      reason: msg('keyvault-permissions.no-ade'),
      evidence: ctx.facts.of('extensions-config').slice(-1).map((f) => f.at),
    };
  }
  return notEvaluable(msg('keyvault-permissions.unknown'));
}

export const rule: Rule = { cause: 'keyvault-permissions', evaluate };
