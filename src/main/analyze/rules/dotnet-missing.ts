import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'dotnet-missing',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
