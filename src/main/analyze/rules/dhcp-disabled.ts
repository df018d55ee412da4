import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'dhcp-disabled',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
