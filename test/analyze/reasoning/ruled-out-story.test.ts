import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { CASES_DIR } from '../../accuracy/score';

const summaryOf = async (id: string) => (await analyzeBundle([join(CASES_DIR, id, 'files')])).result.verdict;

describe("the verdict's \"Ruled out: the agent was running\" says what ruled it out", () => {
  it('one start line (win-learn-agent-stuck-starting-old-901): it logged activity, not that it processed goal states', async () => {
    const v = await summaryOf('win-learn-agent-stuck-starting-old-901');
    expect(v.summary).toContain('Ruled out: the agent was running (it logged activity).');
    expect(v.summary).not.toContain('processed goal states');
    expect(v.summaryNl).toContain('Uitgesloten: de agent draaide (hij logde activiteit).');
  });

  it('an agent stuck stopping (win-learn-agent-stuck-stopping) is not said to have processed goal states', async () => {
    expect((await summaryOf('win-learn-agent-stuck-stopping')).summary).not.toContain('processed goal states');
  });
});
