import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'agent-outdated',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
