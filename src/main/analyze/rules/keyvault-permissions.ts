import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'keyvault-permissions',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
