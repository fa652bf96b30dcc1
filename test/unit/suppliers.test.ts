import { describe, expect, it } from 'vitest';
import { contactIsReachable, isPhoneNumber, publicContact } from '../../src/domain/organization-contact.js';
import { listSuppliers, type ValidCertificate } from '../../src/domain/suppliers.js';

const org = (name: string, municipality = 'Caranavi', department = 'La Paz') => ({
  key: name,
  name,
  kind: 'cooperativa',
  department,
  municipality,
  contact: null,
});

function certificate(overrides: Partial<ValidCertificate> & { organization: ValidCertificate['organization'] }): ValidCertificate {
  return {
    code: 'AAAA-BBBB-CCCC',
    scope: 'unit',
    units: 1,
    places: [{ department: overrides.organization.department, municipality: overrides.organization.municipality }],
    products: ['miel'],
    sectors: ['Agrícola'],
    sealLevel: 'Pleno',
    expiresOn: '2027-06-10',
    verificationUrl: 'https://sello.example/c/AAAA-BBBB-CCCC',
    ...overrides,
  };
}

describe('listSuppliers', () => {
  const solDeYungas = org('Cooperativa Sol de Yungas');
  const certificates = [
    certificate({ organization: solDeYungas, code: 'B', products: ['Café pergamino', 'miel'] }),
    certificate({
      organization: solDeYungas,
      code: 'A',
      products: ['Miel de abeja', 'café pergamino'],
      places: [{ department: 'La Paz', municipality: 'Coroico' }],
    }),
    certificate({
      organization: org('Asociación de Artesanas', 'Tarabuco', 'Chuquisaca'),
      code: 'C',
      scope: 'group',
      units: 12,
      products: ['tejidos'],
      places: [{ department: 'Potosí', municipality: 'Betanzos' }],
    }),
  ];

  it('gives one entry per organisation, with the units, places, products and certificates of all its valid certificates', () => {
    const [artesanas, sol] = listSuppliers(certificates, {});
    expect(artesanas).toMatchObject({ name: 'Asociación de Artesanas', certifiedUnits: 12, products: ['tejidos'] });
    expect(sol).toMatchObject({
      name: 'Cooperativa Sol de Yungas',
      certifiedUnits: 2,
      places: [
        { department: 'La Paz', municipality: 'Caranavi' },
        { department: 'La Paz', municipality: 'Coroico' },
      ],
      // Spellings that differ only in accents or case are one product; the first one read is kept.
      products: ['Café pergamino', 'miel', 'Miel de abeja'],
    });
    expect(sol!.certificates.map((c) => c.code)).toEqual(['A', 'B']);
  });

  it('finds by product part, municipality and department ignoring accents and case, with every filter at once', () => {
    const names = (filter: Parameters<typeof listSuppliers>[1]) => listSuppliers(certificates, filter).map((s) => s.name);
    expect(names({ product: 'CAFE' })).toEqual(['Cooperativa Sol de Yungas']);
    expect(names({ municipality: 'coroico' })).toEqual(['Cooperativa Sol de Yungas']);
    expect(names({ municipality: 'Carana' })).toEqual([]);
    // A group is found where its members produce and where it is based.
    expect(names({ department: 'potosi' })).toEqual(['Asociación de Artesanas']);
    expect(names({ municipality: 'Tarabuco', product: 'tejido' })).toEqual(['Asociación de Artesanas']);
    expect(names({ municipality: 'Tarabuco', product: 'miel' })).toEqual([]);
    expect(names({ department: 'Lima' })).toEqual([]);
  });
});

describe('organisation contact', () => {
  it('reads phone numbers as people write them, and refuses what is not one', () => {
    for (const ok of ['71234567', '+591 71234567', '(2) 212-3456', '2 2123456', '+591 2 212.34.56'])
      expect(isPhoneNumber(ok), ok).toBe(true);
    for (const bad of ['123456', '7123abcd', '+591 7123 4567 8901 23', '71234567 int. 2', '']) expect(isPhoneNumber(bad), bad).toBe(false);
  });

  it('publishes a contact only with the agreement and a way to reach it', () => {
    const contact = { contactName: 'Julia', contactPhone: '71234567', contactEmail: null, contactPublic: false };
    expect(publicContact(contact)).toBeNull();
    expect(publicContact({ ...contact, contactPublic: true })).toEqual({ name: 'Julia', phone: '71234567', email: null });
    expect(contactIsReachable({ ...contact, contactPhone: null, contactPublic: true })).toBe(false);
    expect(contactIsReachable({ ...contact, contactPhone: null })).toBe(true);
  });
});
