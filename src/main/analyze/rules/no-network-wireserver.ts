import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'no-network-wireserver',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
