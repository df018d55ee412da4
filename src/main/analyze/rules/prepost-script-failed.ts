import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'prepost-script-failed',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
