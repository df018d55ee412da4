import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'extension-stuck',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
