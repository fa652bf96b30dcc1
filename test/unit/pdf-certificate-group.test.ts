import { describe, expect, it } from 'vitest';
import { renderCertificatePdf, type CertificatePdfData } from '../../src/pdf/certificate-pdf.js';
import { decodeQr, pdfFlatText, pdfInfo } from '../helpers/pdf-reader.js';

const URL = 'https://sello.plataforma-escj.bo/c/7K3M-9QXA-2F4P';

const groupCertificate = (members: { name: string | null; community: string }[]): CertificatePdfData => ({
  code: '7K3M-9QXA-2F4P',
  verificationUrl: URL,
  holder: {
    organization: 'Asociación de Apicultores Suyu',
    producer: null,
    department: 'La Paz',
    municipality: 'Achacachi',
    community: null,
  },
  scope: { products: ['Miel de abeja', 'Polen'], sectors: ['Agrícola'] },
  sealLevel: 'Pleno',
  scheme: {
    name: 'Sello de Economía Solidaria y Comercio Justo de Bolivia',
    issuingBody: 'Plataforma Multisectorial de Economía Solidaria y Comercio Justo de Bolivia – Comisión de Certificación SPG',
    version: '2026.4',
    contentHash: 'sha256:3f2a9c0d1e4b5a6978c0d1e2f3a4b5c6d7e8f90112233445566778899aabbccdd',
  },
  issuedOn: '2026-11-20',
  expiresOn: '2027-11-19',
  conditions: [],
  decision: { resolution: '12/2026', session: '07/2026', sessionDate: '2026-11-20' },
  group: { members },
});

describe('renderCertificatePdf of a group certificate', () => {
  it('names the organisation as holder, says how many units it covers and lists them, a name only with consent', async () => {
    const pdf = await renderCertificatePdf(
      groupCertificate([
        { name: 'Familia Mamani Condori', community: 'Huarina' },
        { name: null, community: 'Chua Cocani' },
        { name: null, community: 'Ajllata Grande' },
      ]),
    );
    const pages = await pdfFlatText(pdf);
    expect(pages).toHaveLength(1);
    const text = pages[0]!;
    expect(text).toContain('Asociación de Apicultores Suyu');
    expect(text).toContain('Certificación en grupo: 3 unidades productivas');
    expect(text).toContain('junto con las unidades productivas certificadas que se listan');
    expect(text).toContain('Unidades productivas certificadas');
    expect(text).toContain('Familia Mamani Condori Huarina');
    expect(text).toContain('Unidad productiva de Chua Cocani Chua Cocani');
    expect(text).toContain('Unidad productiva de Ajllata Grande Ajllata Grande');
    expect(text).toContain('Municipio de Achacachi, departamento de La Paz');
    // The unit's wording is not used for an organisation.
    expect(text).not.toContain('se certifica que la unidad productiva y la organización');
    expect(await decodeQr(pdf)).toBe(URL);
    expect((await pdfInfo(pdf)).subject).toContain('para Asociación de Apicultores Suyu');
  });

  it('says «1 unidad productiva» in the singular', async () => {
    const text = (await pdfFlatText(await renderCertificatePdf(groupCertificate([{ name: null, community: 'Huarina' }])))).join('\n');
    expect(text).toContain('Certificación en grupo: 1 unidad productiva');
    expect(text).not.toContain('1 unidades');
  });

  it('runs a long list of members onto the next page, header repeated, with the QR code staying on the first', async () => {
    const members = Array.from({ length: 45 }, (_, i) => ({ name: `Familia número ${i + 1}`, community: `Comunidad ${i + 1}` }));
    const pdf = await renderCertificatePdf(groupCertificate(members));
    const pages = await pdfFlatText(pdf);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toContain('Certificación en grupo: 45 unidades productivas');
    expect(pages[1]).toContain('Certificado 7K3M-9QXA-2F4P (continuación)');
    expect(pages[1]).toContain('Unidad productiva Comunidad');
    const all = pages.join('\n');
    for (const m of members) expect(all).toContain(`${m.name} ${m.community}`);
    pages.forEach((page, i) => expect(page).toContain(`Página ${i + 1} de ${pages.length}`));
    expect(await decodeQr(pdf, 1)).toBe(URL);
  });
});
