import { describe, expect, it } from 'vitest';
import { renderRegistryPage, renderVerificationPage } from '../../src/web/pages.js';
import type { MemberView } from '../../src/web/page-types.js';
import { registryEntry, registryView, verificationView } from '../browser/page-fixtures.js';

/** The text of the page without tags, for phrase checks. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const member = (overrides: Partial<MemberView> = {}): MemberView => ({
  name: null,
  community: 'Chua Cocani',
  status: 'active',
  since: '2026-03-12T14:00:00Z',
  reason: null,
  ...overrides,
});

const groupView = (members: MemberView[]) =>
  verificationView({
    producer: null,
    organization: { name: 'Asociación de Apicultores Suyu', department: 'La Paz', municipality: 'Achacachi' },
    group: { activeMembers: members.filter((m) => m.status === 'active').length, members },
  });

describe('verification page of a group certificate', () => {
  it('names the organisation with its certified families at a glance, keeping the certificate status', () => {
    const page = text(
      renderVerificationPage(
        groupView([member(), member({ name: 'Familia Mamani Condori', community: 'Huarina' }), member({ community: 'Ajllata' })]),
        'es',
      ),
    );
    expect(page).toContain('Asociación de Apicultores Suyu — 3 familias certificadas');
    expect(page).toContain('VIGENTE');
    expect(page).toContain('Familias del grupo');
    expect(page).toContain('Familia Mamani Condori (Huarina) : certificada');
    expect(page).toContain('Unidad productiva de Chua Cocani : certificada');
    expect(page).toContain('Unidad productiva de Ajllata : certificada');
  });

  it('says «1 familia certificada» in the singular and shows an excluded member with its date and reason', () => {
    const page = text(
      renderVerificationPage(
        groupView([
          member(),
          member({
            community: 'Huarina',
            status: 'excluded',
            since: '2026-12-03T15:00:00Z',
            reason: 'no permitió la visita de seguimiento',
          }),
        ]),
        'es',
      ),
    );
    expect(page).toContain('Asociación de Apicultores Suyu — 1 familia certificada');
    expect(page).toContain(
      'Unidad productiva de Huarina : excluida desde el 3 de diciembre de 2026. Motivo: No permitió la visita de seguimiento.',
    );
  });

  it('reads in English too', () => {
    const page = text(renderVerificationPage(groupView([member(), member({ status: 'excluded', since: '2026-12-03T15:00:00Z' })]), 'en'));
    expect(page).toContain('Asociación de Apicultores Suyu — 1 certified family');
    expect(page).toContain('Production unit in Chua Cocani : excluded since 3 December 2026');
  });

  it('lists at most 60 members and points to the JSON for the rest, staying light', () => {
    const many = Array.from({ length: 75 }, (_, i) => member({ community: `Comunidad ${i}` }));
    const html = renderVerificationPage(groupView(many), 'es');
    expect(text(html)).toContain('Y 15 más: la lista completa está en la versión para programas (JSON).');
    expect(text(html)).toContain('Comunidad 59');
    expect(text(html)).not.toContain('Comunidad 60');
    expect(html).not.toMatch(/<script/i);
    expect(Buffer.byteLength(html)).toBeLessThan(20 * 1024);
  });

  it('escapes what people typed in member names and reasons', () => {
    const html = renderVerificationPage(
      groupView([member({ name: '<script>alert(1)</script>', status: 'excluded', reason: '<img src=x onerror=alert(1)>' })]),
      'es',
    );
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
  });

  it('shows no group section on a unit certificate', () => {
    const html = renderVerificationPage(verificationView(), 'es');
    expect(html).not.toContain('Familias del grupo');
    expect(html).not.toContain('familias certificadas');
  });
});

describe('registry page with a group certificate', () => {
  it('shows the organisation as one entry with its certified families, its products and each certificate', () => {
    const page = text(
      renderRegistryPage(
        registryView({
          entries: [
            registryEntry({
              organization: 'Asociación Suyu',
              certifiedUnits: 12,
              namedUnits: ['Familia Quispe'],
              products: ['Miel de abeja'],
              certificate: { activeMembers: 12 },
            }),
            registryEntry({ certificate: { code: '9QXA-7K3M-2F4P', producer: 'Familia Mamani' } }),
          ],
          total: 2,
        }),
        'es',
      ),
    );
    expect(page).toContain('Asociación Suyu');
    expect(page).toContain('12 familias certificadas: Familia Quispe y 11 más');
    expect(page).toContain('en grupo, 12 familias certificadas, válido hasta el 10 de enero de 2027');
    expect(page).toContain('Miel de abeja');
    expect(page).toContain('Familia Mamani, válido hasta el 10 de enero de 2027');
  });
});
