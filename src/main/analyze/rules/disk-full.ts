import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'disk-full',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
