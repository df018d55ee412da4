import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'vm-state-misreported',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
