/**
 * The longest suspension of each criteria version, read from the criteria folder without writing
 * anything, for the commands that check certificates against their history.
 */
import path from 'node:path';
import type { SuspensionLimitOf } from '../modules/certificates/certificate-integrity.js';
import { CriteriaCatalog } from '../modules/criteria/criteria-catalog.js';
import { loadCriteria } from '../modules/criteria/criteria-loader.js';

/** Unknown (null) for a version the folder does not hold: the system's revocations are then checked only for their order. */
export function suspensionLimitsIn(criteriaDir: string): SuspensionLimitOf {
  const catalog = new CriteriaCatalog(loadCriteria(path.resolve(criteriaDir)).versions);
  return (scheme, version) => catalog.suspensionLimit(scheme, version);
}
