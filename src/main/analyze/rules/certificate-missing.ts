import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'certificate-missing',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
