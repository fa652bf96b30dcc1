/**
 * The periodic record check: every certificate is checked against its history once after each start,
 * and each new one when it appears, a few milliseconds of work at a time so that verification keeps
 * answering meanwhile. A certificate that does not agree is logged (once per pass) for the commission
 * to look into; the ones that agree get their record seal (record-seals.ts), which spares public
 * verification the full check.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { VerificationService } from './verification-service.js';

/** Work per step, in milliseconds of the event loop. */
const STEP_BUDGET_MS = 2;

export function recordCheck(verification: VerificationService, log: FastifyBaseLogger) {
  let cursor = 0;
  let pass = { checked: 0, failing: 0 };
  return (): Record<string, unknown> | null => {
    const step = verification.checkRecords(cursor, STEP_BUDGET_MS);
    cursor = step.cursor;
    for (const { code, problems } of step.failing) {
      log.error({ certificateCode: code, problems }, `certificate ${code}: its record does not agree with its history`);
    }
    pass = { checked: pass.checked + step.checked, failing: pass.failing + step.failing.length };
    // Reported once the certificates written so far have all been checked; new ones start a new count.
    if (step.checked === 0 && pass.checked > 0) {
      const done = pass;
      pass = { checked: 0, failing: 0 };
      return done;
    }
    return null;
  };
}
