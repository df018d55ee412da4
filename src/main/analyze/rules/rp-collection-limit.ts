import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'rp-collection-limit',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
