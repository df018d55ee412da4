import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'extension-failed-state',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
