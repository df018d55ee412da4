import { notEvaluable, type Rule } from '../types';

export const rule: Rule = {
  cause: 'vm-provisioning-updating',
  evaluate: () => notEvaluable('This cause is not evaluated yet.'),
};
