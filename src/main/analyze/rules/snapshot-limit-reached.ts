import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'snapshot-limit-reached',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
