/**
 * The QR printed on an issued certificate reads from a poor phone photo of the whole page: 600 px wide
 * (about 2.8 px per millimetre of an A4 sheet), slightly blurred (Gaussian, sigma 1 px) and turned 7°.
 * Checked on a unit's certificate and on a group's, whose first page also lists its members.
 */
import type { Agent } from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import type { TestUser } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { groupCertificate } from '../helpers/group-cycle.js';
import { binary } from '../helpers/http.js';
import { pdfFlatText, scanQr } from '../helpers/pdf-reader.js';
import { photographPage, readQr } from '../helpers/phone-photo.js';

/** A public address of a usual length: its verification URLs take a version 4 QR code. */
const PUBLIC_BASE_URL = 'https://sello.plataforma-escj.bo';
const PHOTO = { widthPx: 600, blurSigmaPx: 1, rotateDeg: 7 };

/**
 * jsQR reads through more blur than some phone readers do (zbar misses the former 32 mm symbol from
 * sigma 0.7 on, where jsQR still reads it up to about 1.2), so the photo must also read with a blur of
 * sigma 1.4: a margin that the former symbol does not have.
 */
const MARGIN_BLUR_SIGMA_PX = 1.4;

async function certificatePdf(api: Agent, id: string, user: TestUser): Promise<Buffer> {
  const res = await api.get(`/api/v1/certificates/${id}/certificate.pdf`).set(user.headers).buffer(true).parse(binary).expect(200);
  return res.body as Buffer;
}

async function expectReadableQr(pdf: Buffer, url: string): Promise<void> {
  // Printed size, measured on page 1 rendered at 4 px per point (about 11 px/mm).
  const scan = await scanQr(pdf, 1, 4);
  expect(scan?.data).toBe(url);
  expect(scan!.symbolMm).toBeGreaterThanOrEqual(35);
  expect(scan!.quietZoneModules).toBeGreaterThanOrEqual(4);

  for (const rotateDeg of [PHOTO.rotateDeg, -PHOTO.rotateDeg]) {
    const photo = await photographPage(pdf, { ...PHOTO, rotateDeg });
    expect(photo.width).toBe(600);
    expect(readQr(photo), `girado ${rotateDeg}°`).toBe(url);
  }
  expect(readQr(await photographPage(pdf, { ...PHOTO, blurSigmaPx: MARGIN_BLUR_SIGMA_PX }))).toBe(url);
}

describe('the QR code printed on a certificate, photographed', () => {
  it('reads on a unit certificate from a blurred, askew 600 px photo of the whole page', async () => {
    const c = await cycleToCommission({ config: { publicBaseUrl: PUBLIC_BASE_URL } });
    const { certificate } = await c.approve();
    expect(certificate.verificationUrl.startsWith(`${PUBLIC_BASE_URL}/c/`)).toBe(true);
    const pdf = await certificatePdf(c.api, certificate.id, c.committee);
    await expectReadableQr(pdf, certificate.verificationUrl);
  }, 90_000);

  it('reads on a group certificate, whose first page lists its members', async () => {
    const app = await buildTestApp({ publicBaseUrl: PUBLIC_BASE_URL });
    const g = await groupCertificate(app, { members: 4 });
    const pdf = await certificatePdf(g.api, g.certificate.id, g.chair);
    expect((await pdfFlatText(pdf))[0]).toContain('Certificación en grupo: 4 unidades productivas');
    await expectReadableQr(pdf, g.certificate.verificationUrl);
  }, 90_000);
});
