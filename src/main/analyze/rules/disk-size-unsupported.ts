import { latestOf, notEvaluable, type Rule, type RuleContext, type RuleOutcome } from '../types';
import { msg } from '../../../shared/i18n/analysis';

/**
 * disk-size-unsupported: Azure VM backup supports disks up to 32 TiB, and encrypted (ADE) disks up
 * to 4 TiB. Needs disk sizes (`disk-info` facts from the SSH probes or lsblk output); without them
 * it is not evaluable.
 */
const TIB = 1024 ** 4;
const MAX = 32 * TIB;
const MAX_ENCRYPTED = 4 * TIB;
const ADE = /Microsoft\.Azure\.Security\.AzureDiskEncryption/i;
const tib = (b: number) => `${(b / TIB).toFixed(b >= TIB ? 1 : 3)} TiB`;

function evaluate(ctx: RuleContext): RuleOutcome {
  const disks = ctx.facts.of('disk-info');
  if (!disks.length) {
    return notEvaluable(msg('disk-size-unsupported.not-collected'));
  }
  const ade = ctx.facts.of('extensions-config').some((f) => f.plugins.some((p) => ADE.test(p.name))) || ctx.files.some((f) => ADE.test(f.vmPath));
  const tooBig = disks.filter((d) => d.sizeBytes > MAX);
  const encTooBig = disks.filter((d) => d.sizeBytes > MAX_ENCRYPTED && d.sizeBytes <= MAX && (d.encrypted === true || ade));
  if (tooBig.length || encTooBig.length) {
    return {
      verdict: 'detected',
      confidence: tooBig.length || encTooBig.some((d) => d.encrypted === true) ? 'high' : 'medium',
      reason: msg('disk-size-unsupported.too-big', { disks: [...tooBig, ...encTooBig].map((d) => ({ device: d.device, size: tib(d.sizeBytes), encrypted: encTooBig.includes(d) })) }),
      evidence: [...tooBig, ...encTooBig].map((d) => d.at),
    };
  }
  return {
    verdict: 'ruled-out',
    confidence: 'high',
    reason: msg('disk-size-unsupported.ok', { count: disks.length, largest: tib(latestOf(disks.map((d) => d.sizeBytes))), encrypted: ade }),
    evidence: disks.map((d) => d.at).slice(0, 10),
  };
}

export const rule: Rule = { cause: 'disk-size-unsupported', evaluate };
