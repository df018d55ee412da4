import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'clock-skew',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
