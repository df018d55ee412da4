import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'snapshot-task-delayed',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
