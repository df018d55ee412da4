import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'disk-size-unsupported',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
