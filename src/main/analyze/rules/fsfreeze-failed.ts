import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'fsfreeze-failed',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
