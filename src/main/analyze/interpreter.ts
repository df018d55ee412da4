import type { RemedyOrder } from '../../shared';
import { msg, renderBoth } from '../../shared/i18n/analysis';
import { anyAfter, type FactIndex } from './facts-index';
import { withLaunchCopies } from './reconstruct/agent-health';

/** A name that is a Python interpreter, bare or as a path (`python3`, `/usr/bin/python`, `python3.9`, `platform-python`). */
const PYTHON = /(?:^|\/)(?:python[\d.]{0,6}|platform-python)$/;

/**
 * The agent's command cannot start because a file it runs is missing or not executable, and no later start shows it
 * fixed: the daemon's launch of the goal-state agent raising ENOENT / EACCES (catalogue.ts launchException, #2126), or
 * the service's start naming an interpreter the VM does not have (service-state.ts, `env: python`). Updating or
 * restarting the agent cannot start that command, so the agent causes' remedies lead with the interpreter step, in the
 * words of the file the line names. Undefined when the logs say no such thing.
 */
export function interpreterRemedy(facts: FactIndex): RemedyOrder | undefined {
  // (a 2.5+ launch says why it failed only in its event copy: reconstruct/agent-health.ts withLaunchCopies)
  const launches = withLaunchCopies(facts, facts.where('agent-lifecycle', (f) => f.event === 'exthandler-exit' || f.event === 'exthandler-start')).filter(
    (f) => f.event === 'exthandler-exit' || f.event === 'exthandler-start',
  );
  const last = launches[launches.length - 1];
  let say: ReturnType<typeof stepOf> | undefined;
  // (a heartbeat after it: a goal-state agent ran after all, the failure is history)
  if (last?.note?.key === 'detail.launch-unrunnable' && !anyAfter(facts.series('agent-heartbeat'), last.timeMs)) {
    const { program, errno, file } = last.note.params;
    const name = file ?? program;
    say = stepOf(name, errno === '13' ? 'not-executable' : 'missing', name === program || PYTHON.test(name));
  } else {
    const probe = facts.of('probe').findLast((p) => p.probe === 'agent-service' && p.ok === false && p.note?.key === 'detail.interpreter-missing');
    if (probe?.note?.key === 'detail.interpreter-missing') say = stepOf(probe.note.params.interpreter, 'missing', true);
  }
  return say && { first: ['interpreter'], say: { interpreter: say } };
}

function stepOf(name: string, problem: 'missing' | 'not-executable', interpreter: boolean) {
  return renderBoth(msg('agent.interpreter-step', { name, problem, interpreter }));
}
