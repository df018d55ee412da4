import type { Rule, RuleContext, RuleOutcome } from '../../src/main/analyze/types';
import { renderAnalysis } from '../../src/shared/i18n/analysis';

/** A rule's outcome with its reason rendered in English, as the JSON's `reason` carries it. */
export type EnglishOutcome = Omit<RuleOutcome, 'reason'> & { reason: string };

export function english(out: RuleOutcome): EnglishOutcome {
  return { ...out, reason: renderAnalysis(out.reason, 'en') };
}

/** A rule whose outcomes carry their reason in English, for tests that read the sentence. */
export function inEnglish(rule: Rule): { cause: Rule['cause']; evaluate(ctx: RuleContext): EnglishOutcome } {
  return { cause: rule.cause, evaluate: (ctx) => english(rule.evaluate(ctx)) };
}
