import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'backup-in-progress',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
