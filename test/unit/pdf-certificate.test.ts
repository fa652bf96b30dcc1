import { beforeAll, describe, expect, it } from 'vitest';
import { CERTIFICATE_QR, renderCertificatePdf, type CertificatePdfData } from '../../src/pdf/certificate-pdf.js';
import { planQr } from '../../src/pdf/qr.js';
import { decodeQr, pdfFlatText, pdfFonts, pdfImageCounts, pdfInfo, scanQr, type QrScan } from '../helpers/pdf-reader.js';

const certificate = (overrides: Partial<CertificatePdfData> = {}): CertificatePdfData => ({
  code: '7K3M-9QXA-2F4P',
  verificationUrl: 'https://sello.plataforma-escj.bo/verificar/7K3M9QXA2F4P',
  holder: {
    organization: 'Cooperativa Agropecuaria Señor de Mayo',
    producer: 'Familia Quispe Mamani',
    department: 'Potosí',
    municipality: 'Tupiza',
    community: 'Comunidad Chuquiago',
  },
  scope: { products: ['Quinua real orgánica', 'Haba', 'Miel de abeja'], sectors: ['Agrícola', 'Transformación'] },
  sealLevel: 'Pleno',
  scheme: {
    name: 'Sello de Economía Solidaria y Comercio Justo de Bolivia',
    issuingBody: 'Plataforma Multisectorial de Economía Solidaria y Comercio Justo de Bolivia – Comisión de Certificación SPG',
    version: '2026.1',
    contentHash: 'sha256:3f2a9c0d1e4b5a6978c0d1e2f3a4b5c6d7e8f90112233445566778899aabbccdd',
  },
  issuedOn: '2026-03-12',
  expiresOn: '2027-03-11',
  conditions: [
    {
      description: 'Presentar el registro de aplicación de insumos de la parcela 2, firmado por el comité local.',
      deadline: '2026-06-10',
    },
  ],
  decision: { resolution: '03/2026', session: '02/2026', sessionDate: '2026-03-10' },
  ...overrides,
});

describe('renderCertificatePdf', () => {
  let pdf: Buffer;
  let text: string;
  let scan: QrScan | null;
  beforeAll(async () => {
    pdf = await renderCertificatePdf(certificate());
    text = (await pdfFlatText(pdf)).join('\n');
    scan = await scanQr(pdf);
  });

  it('is a one-page PDF', async () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await pdfInfo(pdf)).pages).toBe(1);
  });

  it('prints holder, scope, level, scheme and decision as text, accents and ñ included', () => {
    for (const expected of [
      'CERTIFICADO',
      'Cooperativa Agropecuaria Señor de Mayo',
      'Familia Quispe Mamani',
      'Comunidad Chuquiago, municipio de Tupiza, departamento de Potosí',
      'Quinua real orgánica, Haba, Miel de abeja',
      'Agrícola, Transformación',
      'Nivel del sello Pleno',
      'Sello de Economía Solidaria y Comercio Justo de Bolivia',
      'Comisión de Certificación SPG',
      'Versión 2026.1',
      'sha256:3f2a9c0d1e4b5a6978c0d1e2f3a4b5c6d7e8f90112233445566778899aabbccdd',
      'Decisión Resolución N° 03/2026 de la Comisión de Certificación, sesión N° 02/2026 del 10 de marzo de 2026',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('writes the dates in Spanish and in ISO form', () => {
    expect(text).toContain('Fecha de emisión 12 de marzo de 2026 (2026-03-12)');
    expect(text).toContain('Válido hasta 11 de marzo de 2027 (2027-03-11)');
    expect(text).toContain('10 de marzo de 2026');
  });

  it('prints the grouped code, the conditions with their deadline and the verification address', () => {
    expect(text).toContain('Código del certificado 7K3M-9QXA-2F4P');
    expect(text).toContain('Presentar el registro de aplicación de insumos de la parcela 2, firmado por el comité local.');
    expect(text).toContain('Plazo: 10 de junio de 2026 (2026-06-10)');
    expect(text).toContain('Verifique en https://sello.plataforma-escj.bo/verificar/7K3M9QXA2F4P');
  });

  it('draws the seal emblem with the scheme name and the level', () => {
    expect(text).toMatch(/SELLO Economía Solidaria y Comercio Justo BOLIVIA PLENO/);
  });

  it('embeds every font it uses, and uses only DejaVu Sans', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.name).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
    }
  });

  it('has a QR code that decodes to exactly the verification URL', () => {
    expect(scan?.data).toBe('https://sello.plataforma-escj.bo/verificar/7K3M9QXA2F4P');
  });

  it('draws the QR code as vectors, at least 35 mm wide with modules of at least 1.4 mm and a quiet zone of 4 modules', async () => {
    expect(await pdfImageCounts(pdf)).toEqual([0]);
    expect(scan).not.toBeNull();
    const { modules, symbolMm, moduleMm, quietZoneModules } = scan!;
    const plan = planQr(certificate().verificationUrl, CERTIFICATE_QR);
    expect(modules).toBe(plan.modules);
    expect(quietZoneModules).toBeGreaterThanOrEqual(4);
    expect(symbolMm).toBeGreaterThanOrEqual(35);
    expect(moduleMm).toBeGreaterThan(1.4 - 0.05);
    expect(symbolMm).toBeCloseTo(Math.max(35, plan.modules * CERTIFICATE_QR.minModuleMm), 0);
  });

  it('uses level M at least, and a higher one when it fits in the same version', () => {
    // Level Q would need version 5 for this address, M fits in 4: M.
    expect(planQr(certificate().verificationUrl, CERTIFICATE_QR)).toMatchObject({ version: 4, errorCorrection: 'M' });
    expect(planQr('http://localhost:3000/c/7K3M-9QXA-2F4P', CERTIFICATE_QR)).toMatchObject({ version: 3, errorCorrection: 'M' });
    // A short address fits in version 3 at level Q too: Q, at no cost in size.
    const short = planQr('https://spg.bo/c/7K3M-9QXA-2F4P', CERTIFICATE_QR);
    expect(short).toMatchObject({ version: 3, errorCorrection: 'Q' });
  });

  it('sets the document metadata and language', async () => {
    const info = await pdfInfo(pdf);
    expect(info).toMatchObject({
      title: 'Certificado 7K3M-9QXA-2F4P – Cooperativa Agropecuaria Señor de Mayo',
      author: certificate().scheme.issuingBody,
      creator: 'Sello',
      creationDate: 'D:20260312000000Z',
      modDate: 'D:20260312000000Z',
      language: 'es-BO',
    });
    expect(info.subject).toContain('nivel Pleno');
    expect(info.keywords).toContain('7K3M-9QXA-2F4P');
    expect(info.producer).toMatch(/Sello/);
  });

  it('gives byte-identical output for the same data', async () => {
    const again = await renderCertificatePdf(certificate());
    expect(again.equals(pdf)).toBe(true);
  });

  it('gives different output for different data', async () => {
    const other = await renderCertificatePdf(
      certificate({ code: '7K3M-9QXA-2F4Q', verificationUrl: 'https://sello.plataforma-escj.bo/verificar/7K3M9QXA2F4Q' }),
    );
    expect(other.equals(pdf)).toBe(false);
    expect(await decodeQr(other)).toBe('https://sello.plataforma-escj.bo/verificar/7K3M9QXA2F4Q');
    const laterIssue = await renderCertificatePdf(certificate({ issuedOn: '2026-03-13' }));
    expect(laterIssue.equals(pdf)).toBe(false);
  });

  it('cites a decision recorded before resolutions and sessions were numbered by its session date', async () => {
    const older = await renderCertificatePdf(certificate({ decision: { resolution: null, session: null, sessionDate: '2025-11-04' } }));
    const olderText = (await pdfFlatText(older)).join('\n');
    expect(olderText).toContain('Decisión Resolución de la Comisión de Certificación, sesión del 4 de noviembre de 2025');
    expect(olderText).not.toContain('N°');
  });

  it('leaves out the producer unit, the community and the conditions when there are none', async () => {
    const bare = await renderCertificatePdf(
      certificate({
        holder: { ...certificate().holder, producer: null, community: null },
        conditions: [],
      }),
    );
    const bareText = (await pdfFlatText(bare)).join('\n');
    expect(bareText).toContain('Municipio de Tupiza, departamento de Potosí');
    expect(bareText).not.toContain('Unidad productiva');
    expect(bareText).not.toContain('Familia Quispe Mamani');
    expect(bareText).not.toContain('Condiciones');
  });

  it('runs long conditions onto a second page, numbered, with the QR code staying on the first', async () => {
    const conditions = Array.from({ length: 30 }, (_, i) => ({
      description: `Condición número ${i + 1}: completar el registro de ventas al precio justo acordado con la organización.`,
      deadline: '2026-09-30',
    }));
    const long = await renderCertificatePdf(certificate({ conditions }));
    const pages = await pdfFlatText(long);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page).toContain(`Página ${i + 1} de ${pages.length}`));
    expect(pages[1]).toContain('Certificado 7K3M-9QXA-2F4P (continuación)');
    expect(pages.join('\n')).toContain('Condición número 30:');
    expect(await decodeQr(long, 1)).toBe(certificate().verificationUrl);
  });

  it('ends each condition as a sentence, with one full stop before its deadline whatever was typed', async () => {
    const typed = ['cercar el apiario', 'Cercar el apiario.', 'Cercar el apiario..', 'Cercar el apiario; '];
    const printed = (
      await pdfFlatText(
        await renderCertificatePdf(certificate({ conditions: typed.map((description) => ({ description, deadline: '2026-06-10' })) })),
      )
    ).join('\n');
    expect(printed.split('Cercar el apiario. Plazo: 10 de junio de 2026 (2026-06-10).').length - 1).toBe(typed.length);
    expect(printed).not.toMatch(/apiario(\.\.|;|\s+Plazo)/);
  });

  it('tells that the status to trust is the current one online', () => {
    expect(text).toContain('comprobar el estado actual del certificado');
    expect(text).not.toContain('estado vigente');
  });

  it('rejects an impossible date instead of printing it', async () => {
    await expect(renderCertificatePdf(certificate({ expiresOn: '2027-02-30' }))).rejects.toThrow(/2027-02-30/);
  });
});
