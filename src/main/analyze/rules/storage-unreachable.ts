import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'storage-unreachable',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
