/** Raised when the criteria folder cannot be served: the message lists every problem. */
import { count } from '../../domain/text.js';
import { formatProblem, type CriteriaProblem } from './criteria-loader.js';

export class CriteriaLoadError extends Error {
  constructor(readonly problems: CriteriaProblem[]) {
    super(`Los criterios tienen ${count(problems.length, 'problema', 'problemas')}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'CriteriaLoadError';
  }
}
