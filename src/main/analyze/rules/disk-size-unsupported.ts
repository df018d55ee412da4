import { notEvaluable, type Rule, type RuleContext, type RuleOutcome } from '../types';

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
    return notEvaluable('Disk sizes were not collected. Check the disk sizes in the portal (VM → Disks) or run `lsblk -b -d -o NAME,SIZE` on the VM: no disk may exceed 32 TiB, and no encrypted disk 4 TiB.');
  }
  const ade = ctx.facts.of('extensions-config').some((f) => f.plugins.some((p) => ADE.test(p.name))) || ctx.files.some((f) => ADE.test(f.vmPath));
  const tooBig = disks.filter((d) => d.sizeBytes > MAX);
  const encTooBig = disks.filter((d) => d.sizeBytes > MAX_ENCRYPTED && d.sizeBytes <= MAX && (d.encrypted === true || ade));
  if (tooBig.length || encTooBig.length) {
    const list = [...tooBig, ...encTooBig].map((d) => `${d.device} ${tib(d.sizeBytes)}${encTooBig.includes(d) ? ' (encrypted)' : ''}`);
    return {
      verdict: 'detected',
      confidence: tooBig.length || encTooBig.some((d) => d.encrypted === true) ? 'high' : 'medium',
      reason: `Disk size not supported by Azure VM backup: ${list.join(', ')} (limit 32 TiB, 4 TiB for encrypted disks). Exclude the disk from backup or resize it.`,
      evidence: [...tooBig, ...encTooBig].map((d) => d.at),
    };
  }
  return {
    verdict: 'ruled-out',
    confidence: 'high',
    reason: `All ${disks.length} disk(s) are within the supported sizes (largest ${tib(Math.max(...disks.map((d) => d.sizeBytes)))}${ade ? ', encrypted limit 4 TiB' : ''}).`,
    evidence: disks.map((d) => d.at).slice(0, 10),
  };
}

export const rule: Rule = { cause: 'disk-size-unsupported', evaluate };
