/** The complaint pages as pure functions: the words of the domain, nothing of the handling before it closes, typed text escaped. */
import { describe, expect, it } from 'vitest';
import { COMPLAINT_OUTCOME_LABEL, COMPLAINT_OUTCOMES, COMPLAINT_STATUS_LABEL, COMPLAINT_STATUSES } from '../../src/domain/complaints.js';
import { translator } from '../../src/web/locale.js';
import { renderComplaintFormPage, renderComplaintTrackingPage, type ComplaintTrackingView } from '../../src/web/complaint-pages.js';
import { HOSTILE } from '../browser/page-fixtures.js';

const tracking: ComplaintTrackingView = {
  publicBaseUrl: 'http://localhost:3000',
  trackingNumber: 'DEN-7K3M-9QXA',
  subject: 'seal_use',
  status: 'in_inquiry',
  filedAt: '2026-05-20T15:00:00.000Z',
  updatedAt: '2026-05-22T15:00:00.000Z',
  closedAt: null,
  outcome: 'founded',
  publicSummary: 'Resumen que todavía no es público',
};

describe('complaint pages', () => {
  it('say the status and outcome in the domain’s own words in Spanish', () => {
    const t = translator('es');
    for (const status of COMPLAINT_STATUSES) expect(t(`complaint.status.${status}`)).toBe(COMPLAINT_STATUS_LABEL[status]);
    for (const outcome of COMPLAINT_OUTCOMES) expect(t(`complaint.outcome.${outcome}`)).toBe(COMPLAINT_OUTCOME_LABEL[outcome]);
  });

  it('show no outcome nor summary before the complaint is closed, and both after', () => {
    const open = renderComplaintTrackingPage(tracking, 'es');
    expect(open).toContain('En investigación por la comisión de certificación');
    expect(open).not.toContain('Fundada');
    expect(open).not.toContain('Resumen que todavía no es público');
    const closed = renderComplaintTrackingPage({ ...tracking, status: 'closed', closedAt: '2026-06-01T15:00:00.000Z' }, 'en');
    expect(closed).toContain('Founded: the commission confirmed what was reported and acted');
    expect(closed).toContain('Resumen que todavía no es público');
    expect(closed).toContain('<meta name="robots" content="noindex">');
  });

  it('escape what the person typed and what the organisation is called', () => {
    const html = renderComplaintFormPage(
      {
        publicBaseUrl: 'http://localhost:3000',
        values: { what: HOSTILE, place: HOSTILE, contact: HOSTILE, code: HOSTILE },
        issues: { what: 'Cuente qué pasó' },
        question: { text: '¿Cuánto es uno más dos?', token: 'x' },
        organizationName: HOSTILE,
        whatMax: 2000,
      },
      'es',
    );
    expect(html).not.toMatch(/<script/);
    expect(html).toContain('id="what-problem"');
    expect(html).toContain('aria-invalid="true"');
  });
});
