import { describe, expect, it } from 'vitest';
import type { CertificateView } from '../../src/modules/certificates/certificate-schemas.js';
import type { CertificatePage } from '../../src/modules/pages/certificate-pages-service.js';
import { renderCommissionCertificatePage, renderCommissionCertificatesPage } from '../../src/web/app/app-pages.js';
import { UUID, visibleText } from '../helpers/pages.js';

const CERT = '0b7c6a52-2a1e-4c3e-9a55-4b1f3f8a2c11';
const SESSION = '6f1d0c9e-8b2a-4e57-b1d4-0d6c3b9f7e21';
const P = ['1a2b3c4d-0000-4000-8000-000000000001', '1a2b3c4d-0000-4000-8000-000000000002', '1a2b3c4d-0000-4000-8000-000000000003'];
const person = { name: 'Juana Vargas', role: 'commission' as const, organization: null };

const member = (i: number, overrides: Partial<CertificateView['members'][number]> = {}): CertificateView['members'][number] => ({
  producerId: P[i]!,
  dossierId: `2b3c4d5e-0000-4000-8000-00000000000${i}`,
  name: `Familia ${['Mamani', 'Quispe', 'Condori'][i]}`,
  community: ['Huarina', 'Chua Cocani', 'Ajllata'][i]!,
  municipality: 'Achacachi',
  publicNameConsent: i === 0,
  status: 'active',
  since: '2026-11-20T14:00:00Z',
  reason: null,
  ...overrides,
});

function page(overrides: Partial<CertificateView> = {}, recordable = true): CertificatePage {
  const certificate: CertificateView = {
    id: CERT,
    code: '7K3M-9QXA-2F4P',
    verificationUrl: 'http://localhost:3000/c/7K3M-9QXA-2F4P',
    scope: 'group',
    dossierId: '3c4d5e6f-0000-4000-8000-000000000000',
    decisionId: '4d5e6f70-0000-4000-8000-000000000000',
    organization: { id: '5e6f7081-0000-4000-8000-000000000000', name: 'Asociación Suyu', department: 'la-paz', municipality: 'Achacachi' },
    producer: null,
    scheme: 'es-cj-bolivia',
    criteriaVersion: '2026.4',
    criteriaHash: 'sha256:00',
    sealLevel: 'pleno',
    products: ['miel'],
    sectors: ['agricola'],
    issuedOn: '2026-11-20',
    expiresOn: '2027-11-19',
    status: 'active',
    statusSince: '2026-11-20T14:00:00Z',
    statusReason: null,
    suspensionOverdue: false,
    conditions: [],
    events: [],
    members: [member(0), member(1), member(2)],
    ...overrides,
  };
  return {
    certificate,
    stored: certificate.status === 'revoked' ? 'revoked' : 'active',
    resolution: { number: '12/2026', session: { number: '07/2026', heldOn: '2026-11-20' } },
    sessions: {},
    recordedBy: {},
    openSessions: [{ id: SESSION, number: '08/2026', heldOn: '2026-12-03', recordable }],
  };
}

describe('commission page of a group certificate', () => {
  it('lists each member with its status and a form per certified member to exclude it, with no id on screen', () => {
    const html = renderCommissionCertificatePage(
      page({
        members: [member(0), member(1), member(2, { status: 'excluded', since: '2026-12-03T15:00:00Z', reason: 'No permitió la visita' })],
      }),
      person,
    );
    const text = visibleText(html);
    expect(text).toContain('Asociación Suyu · Certificación en grupo: 2 unidades productivas');
    expect(text).toContain('Unidades productivas del grupo');
    expect(text).toContain('2 unidades productivas certificadas; 1 excluida.');
    expect(text).toContain('Familia Mamani');
    expect(text).toContain('En la verificación pública figura con su nombre.');
    expect(text).toContain('En la verificación pública figura como «Unidad productiva de Chua Cocani».');
    expect(text).toContain('Excluida desde el 3 de diciembre de 2026. Motivo: No permitió la visita');
    // A form for each certified member, posting to its own address; none for the excluded one.
    expect(html).toContain(`action="/app/comision/certificados/${CERT}/socios/${P[0]}/excluir"`);
    expect(html).toContain(`action="/app/comision/certificados/${CERT}/socios/${P[1]}/excluir"`);
    expect(html).not.toContain(`/socios/${P[2]}/excluir`);
    expect(text).toContain('Excluir a Familia Quispe del grupo');
    expect(text).not.toMatch(UUID);
  });

  it('shows a refused exclusion in Spanish, in that member form kept open with what was typed', () => {
    const html = renderCommissionCertificatePage(page(), person, {
      memberForm: {
        producerId: P[1]!,
        values: { motivo: 'corto', sesion: SESSION },
        errors: { motivo: 'Explique el motivo (al menos 10 caracteres)' },
      },
    });
    expect(html).toMatch(/<details class="no-print" open>/);
    expect(html.match(/<details class="no-print" open>/g)).toHaveLength(1);
    expect(visibleText(html)).toContain('Revise los datos marcados: no se guardó nada.');
    expect(visibleText(html)).toContain('Explique el motivo (al menos 10 caracteres)');
    expect(html).toContain('>corto</textarea>');
  });

  it('says a refusal about a member excluded meanwhile above the list', () => {
    const html = renderCommissionCertificatePage(
      page({ members: [member(0), member(1, { status: 'excluded', reason: 'Ya excluida' })] }),
      person,
      {
        memberForm: { producerId: P[1]!, values: {}, errors: {}, message: 'Esta unidad productiva ya fue excluida del certificado' },
      },
    );
    expect(visibleText(html)).toContain('Esta unidad productiva ya fue excluida del certificado');
  });

  it('offers no exclusion without a session the person attended, and none on a revoked certificate', () => {
    const noSession = visibleText(renderCommissionCertificatePage(page({}, false), person));
    expect(noSession).toContain('Registre su asistencia en la sesión para excluir a un socio.');
    expect(noSession).not.toContain('Excluir a Familia');
    const revoked = renderCommissionCertificatePage(page({ status: 'revoked', statusReason: 'Fraude' }), person);
    expect(revoked).not.toContain('/excluir"');
  });

  it('shows no members section on a unit certificate, and a group in the list by its count', () => {
    const unit = page({ scope: 'unit', producer: { id: P[0]!, name: 'Familia Choque', community: 'Caranavi' }, members: [] });
    expect(visibleText(renderCommissionCertificatePage(unit, person))).not.toContain('Unidades productivas del grupo');
    const list = renderCommissionCertificatesPage({ list: { items: [page().certificate], page: 1, pageSize: 20, total: 1 } }, person);
    expect(visibleText(list)).toContain('Certificación en grupo: 3 unidades productivas');
  });
});
