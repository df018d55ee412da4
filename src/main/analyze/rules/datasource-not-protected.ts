import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'datasource-not-protected',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
