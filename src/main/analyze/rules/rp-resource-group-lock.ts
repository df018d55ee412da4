import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'rp-resource-group-lock',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
