import { createCanvas } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import { CRITERION_LEVELS } from '../../src/domain/criteria-schema.js';
import { ANSWER_VALUES } from '../../src/domain/non-conformities.js';
import { renderVisitReportPdf, type VisitReportEvidence, type VisitReportPdfData } from '../../src/pdf/visit-report-pdf.js';
import { pdfFlatText, pdfFonts, pdfImageCounts, pdfInfo } from '../helpers/pdf-reader.js';

/** Six principles of ten criteria: sixty answers, enough for several pages. */
const principles = Array.from({ length: 6 }, (_, p) => ({
  code: `P${p + 1}`,
  title: `Principio ${p + 1}: trabajo digno, equidad y participación`,
  answers: Array.from({ length: 10 }, (_, i) => ({
    criterionCode: `P${p + 1}.${String(i + 1).padStart(2, '0')}`,
    text: `Práctica ${i + 1} del principio ${p + 1}: la unidad productiva la documenta y es verificable en campo.`,
    level: CRITERION_LEVELS[i % CRITERION_LEVELS.length]!,
    answer: ANSWER_VALUES[(p + i) % ANSWER_VALUES.length]!,
    notes: i % 3 === 0 ? `Nota ${p + 1}-${i + 1}: falta la firma del comité en dos hojas del cuaderno.` : '',
  })),
}));

const report = (overrides: Partial<VisitReportPdfData> = {}): VisitReportPdfData => ({
  organization: 'Cooperativa Agropecuaria Señor de Mayo',
  producer: 'Familia Quispe Mamani',
  location: { department: 'Potosí', municipality: 'Tupiza', community: 'Chuquiago' },
  cycle: '2026',
  scheme: {
    name: 'Sello de Economía Solidaria y Comercio Justo de Bolivia',
    version: '2026.1',
    contentHash: 'sha256:3f2a9c0d1e4b5a6978c0d1e2f3a4b5c6d7e8f90112233445566778899aabbccdd',
  },
  visitDate: '2026-05-14',
  submittedOn: null,
  team: [
    { name: 'Rosa Choque', role: 'producer' },
    { name: 'Juan Pérez Ñusta', role: 'consumer' },
    { name: 'María Gutiérrez', role: 'technician' },
  ],
  present: ['Eulogio Quispe (productor)', 'Martha Mamani (productora)'],
  observations: 'Registros ordenados; participación de las mujeres en las decisiones de la unidad.',
  principles,
  nonConformities: [
    { criterionCode: 'P1.02', level: 'major', effect: 'requires_conditions', evidence: 'Registro de jornales incompleto.' },
    { criterionCode: 'P2.03', level: 'critical', effect: 'blocks_approval', evidence: 'Uso de un agroquímico prohibido.' },
    { criterionCode: 'P3.04', level: 'minor', effect: 'improvement_goal', evidence: 'Falta señalización.' },
    { criterionCode: 'P4.05', level: 'progressive', effect: 'improvement_goal', evidence: 'Plan de reforestación en curso.' },
  ],
  disagreements: [
    { criterionCode: 'P1.02', selfAssessment: 'cumple', visit: 'parcial', notes: 'El registro existe pero está incompleto.' },
  ],
  correctiveActions: [],
  evidence: [],
  ...overrides,
});

const occurrences = (text: string, needle: string): number => text.split(needle).length - 1;

describe('renderVisitReportPdf', () => {
  let pdf: Buffer;
  let pages: string[];
  let all: string;
  beforeAll(async () => {
    pdf = await renderVisitReportPdf(report());
    pages = await pdfFlatText(pdf);
    all = pages.join('\n');
  });

  it('prints the visit data: organisation, unit, location, cycle, criteria version and hash, date', () => {
    for (const expected of [
      'Informe de visita de pares',
      'Organización Cooperativa Agropecuaria Señor de Mayo',
      'Unidad productiva Familia Quispe Mamani',
      'Chuquiago, municipio de Tupiza, departamento de Potosí',
      'Ciclo 2026',
      'Sello de Economía Solidaria y Comercio Justo de Bolivia, versión 2026.1',
      'sha256:3f2a9c0d1e4b5a6978c0d1e2f3a4b5c6d7e8f90112233445566778899aabbccdd',
      'Fecha de la visita 14 de mayo de 2026 (2026-05-14)',
    ]) {
      expect(all).toContain(expected);
    }
  });

  it('lists the team with their roles in Spanish, the people present and the observations', () => {
    expect(all).toContain('Rosa Choque Productor/a de otra unidad');
    expect(all).toContain('Juan Pérez Ñusta Consumidor/a');
    expect(all).toContain('María Gutiérrez Técnico/a');
    expect(all).toContain('Martha Mamani (productora)');
    expect(all).toContain('participación de las mujeres');
  });

  it('groups the answers by principle and writes each answer in words', () => {
    for (const principle of principles) expect(all).toContain(`${principle.code}. ${principle.title}`);
    expect(all).toContain('P1.01 Práctica 1 del principio 1: la unidad productiva la documenta y es verificable en campo. Cumple');
    expect(all).toContain(
      'P1.02 Práctica 2 del principio 1: la unidad productiva la documenta y es verificable en campo. Cumple parcialmente',
    );
    expect(all).toContain('P1.03 Práctica 3 del principio 1: la unidad productiva la documenta y es verificable en campo. No cumple');
    expect(all).toContain('P1.04 Práctica 4 del principio 1: la unidad productiva la documenta y es verificable en campo. No aplica');
    expect(all).not.toMatch(/no_cumple|no_aplica|parcial\b/);
  });

  it('prints every answer exactly once, and never splits one across pages', () => {
    for (const principle of principles) {
      for (const answer of principle.answers) {
        const expected =
          1 +
          report().nonConformities.filter((nc) => nc.criterionCode === answer.criterionCode).length +
          report().disagreements.filter((d) => d.criterionCode === answer.criterionCode).length;
        expect(occurrences(all, `${answer.criterionCode} `), answer.criterionCode).toBe(expected);
        const page = pages.find((p) => p.includes(answer.text));
        expect(page, answer.text).toBeDefined();
        expect(page).toContain(answer.criterionCode);
        if (answer.notes) expect(page).toContain(answer.notes);
      }
    }
  });

  it('lists non-conformities with level and effect in Spanish, and the disagreements with the self-assessment', () => {
    expect(all).toContain('P1.02 Mayor Requiere condiciones (acción correctiva) Registro de jornales incompleto.');
    expect(all).toContain('P2.03 Crítico Impide la aprobación Uso de un agroquímico prohibido.');
    expect(all).toContain('P3.04 Menor Meta de mejora');
    expect(all).toContain('P4.05 Progresivo Meta de mejora');
    expect(all).toContain('P1.02 Cumple Cumple parcialmente El registro existe pero está incompleto.');
  });

  it('explains in plain words what a non-conformity is, before listing them', () => {
    expect(all).toContain('Una no conformidad es un criterio que la unidad no cumple, o cumple solo en parte.');
    expect(all.indexOf('Una no conformidad es')).toBeLessThan(all.indexOf('P2.03 Crítico Impide la aprobación'));
  });

  it('ends with a signature line for each team member and the visited unit', () => {
    const last = pages.at(-1)!;
    expect(last).toContain('Firmas');
    for (const name of ['Rosa Choque', 'Juan Pérez Ñusta', 'María Gutiérrez']) expect(last).toContain(`Firma ${name}`);
    expect(last).toContain('Firma Familia Quispe Mamani Por la unidad productiva visitada');
  });

  it('spans several pages, each with its header and "Página n de N"', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page).toContain('Informe de visita de pares · Familia Quispe Mamani · 2026-05-14');
      expect(page).toContain(`Página ${i + 1} de ${pages.length}`);
      expect(page).toContain('Ciclo 2026 · Criterios versión 2026.1');
    });
  });

  it('says so when there are no non-conformities, disagreements, observations or people present', async () => {
    const clean = await renderVisitReportPdf(
      report({ nonConformities: [], disagreements: [], observations: '  ', present: [], principles: principles.slice(0, 1) }),
    );
    const text = (await pdfFlatText(clean)).join('\n');
    expect(text).toContain('No se registraron no conformidades.');
    expect(text).not.toContain('Una no conformidad es');
    expect(text).toContain('No se registraron personas presentes.');
    expect(text).toContain('Las respuestas de la visita coinciden con la autoevaluación.');
    expect(text).toContain('Sin observaciones.');
  });

  it('embeds every font it uses', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts) expect(font.embedded, font.name).toBe(true);
  });

  it('sets the metadata', async () => {
    expect(await pdfInfo(pdf)).toMatchObject({
      pages: pages.length,
      title: 'Informe de visita de pares – Familia Quispe Mamani (2026-05-14)',
      author: 'Cooperativa Agropecuaria Señor de Mayo',
      creator: 'Sello',
      creationDate: 'D:20260514000000Z',
      language: 'es-BO',
    });
  });

  it('is byte-identical for the same data and differs for different data', async () => {
    expect((await renderVisitReportPdf(report())).equals(pdf)).toBe(true);
    const changed = report();
    changed.principles = principles.map((p, i) => (i === 5 ? { ...p, answers: p.answers.slice(0, 9) } : p));
    expect((await renderVisitReportPdf(changed)).equals(pdf)).toBe(false);
  });
});

/** A real photo-like image: a gradient with a dark square, encoded by @napi-rs/canvas. */
function photo(format: 'jpeg' | 'png', width = 320, height = 240): Buffer {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#3b7d4a');
  gradient.addColorStop(1, '#d9b26f');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  context.fillStyle = 'rgba(20, 20, 20, 0.7)';
  context.fillRect(width / 4, height / 4, width / 2, height / 2);
  return format === 'jpeg' ? canvas.encodeSync('jpeg', 80) : canvas.encodeSync('png');
}

const evidence = (
  criterionCode: string | null,
  mediaType: string,
  bytes: Buffer | null,
  size = bytes?.length ?? 0,
): VisitReportEvidence => ({
  criterionCode,
  mediaType,
  size,
  uploadedOn: '2026-05-20',
  bytes,
});

describe('renderVisitReportPdf: visit date, levels, corrective actions and photos', () => {
  const jpeg = photo('jpeg');
  const png = photo('png', 200, 300);
  let pdf: Buffer;
  let pages: string[];
  let all: string;
  beforeAll(async () => {
    pdf = await renderVisitReportPdf(
      report({
        submittedOn: '2026-05-20',
        correctiveActions: [
          {
            criterionCode: 'P1.02',
            level: 'major',
            description: 'Completar el registro de jornales con firma del comité.',
            responsible: 'Eulogio Quispe',
            deadline: '2026-08-12',
            status: 'open',
            closedOn: null,
          },
          {
            criterionCode: 'P2.03',
            level: 'critical',
            description: 'Retirar el agroquímico y registrar la verificación independiente.',
            responsible: 'Martha Mamani',
            deadline: '2026-06-13',
            status: 'closed',
            closedOn: '2026-06-02',
          },
          {
            criterionCode: 'P2.03',
            level: 'critical',
            description: 'Capacitación sobre insumos permitidos.',
            responsible: 'Martha Mamani',
            deadline: '2026-06-01',
            status: 'overdue',
            closedOn: null,
          },
        ],
        evidence: [
          evidence(null, 'image/png', png),
          evidence('P1.02', 'image/jpeg', jpeg),
          evidence('P1.02', 'image/webp', null, 34_560),
          evidence('P1.02', 'image/jpeg', jpeg),
          evidence(null, 'application/pdf', null, 1_258_291),
          evidence('P2.03', 'image/jpeg', null, 2_048),
        ],
      }),
    );
    pages = await pdfFlatText(pdf);
    all = pages.join('\n');
  });

  it('prints the day the visit took place and, when later, the day it was recorded', async () => {
    expect(all).toContain('Fecha de la visita 14 de mayo de 2026 (2026-05-14) Registrada en Sello 20 de mayo de 2026 (2026-05-20)');
    const sameDay = (await pdfFlatText(await renderVisitReportPdf(report({ submittedOn: '2026-05-14' })))).join('\n');
    expect(sameDay).toContain('Fecha de la visita 14 de mayo de 2026 (2026-05-14)');
    expect(sameDay).not.toContain('Registrada en Sello');
  });

  it('prints the level of each criterion next to its answer', () => {
    expect(all).toContain('P1.01 Práctica 1 del principio 1: la unidad productiva la documenta y es verificable en campo. Cumple Crítico');
    expect(all).toContain(
      'P1.02 Práctica 2 del principio 1: la unidad productiva la documenta y es verificable en campo. Cumple parcialmente Mayor',
    );
    expect(all).toContain('P1.03 Práctica 3 del principio 1: la unidad productiva la documenta y es verificable en campo. No cumple Menor');
    expect(all).toContain(
      'P1.04 Práctica 4 del principio 1: la unidad productiva la documenta y es verificable en campo. No aplica Progresivo',
    );
    expect(all).not.toMatch(/\b(critical|major|minor|progressive)\b/);
  });

  it('lists the corrective actions with responsible person, deadline and status, dates as dd/mm/aaaa', () => {
    expect(all).toContain('Acciones correctivas acordadas');
    expect(all).toContain('P1.02 Mayor Completar el registro de jornales con firma del comité. Eulogio Quispe 12/08/2026 Pendiente');
    expect(all).toContain(
      'P2.03 Crítico Retirar el agroquímico y registrar la verificación independiente. Martha Mamani 13/06/2026 Cerrada el 02/06/2026',
    );
    expect(all).toContain('Capacitación sobre insumos permitidos. Martha Mamani 01/06/2026 Vencida, sin cerrar');
  });

  it('prints JPEG and PNG photos as thumbnails grouped by criterion, and lists what cannot be shown', async () => {
    const images = await pdfImageCounts(pdf);
    expect(images.reduce((a, b) => a + b, 0)).toBe(3);
    const photosPage = pages.findIndex((p) => p.includes('Fotos y documentos de la visita'));
    expect(photosPage).toBeGreaterThanOrEqual(0);
    expect(images.slice(photosPage).reduce((a, b) => a + b, 0)).toBe(3);

    const section = all.slice(all.indexOf('Fotos y documentos de la visita'));
    // Criterion groups first, in the order of the criteria, then the visit as a whole.
    const p102 = section.indexOf('P1.02. Práctica 2 del principio 1');
    const p203 = section.indexOf('P2.03. Práctica 3 del principio 2');
    const general = section.indexOf('Sobre la visita en general');
    expect(p102).toBeGreaterThan(0);
    expect(p203).toBeGreaterThan(p102);
    expect(general).toBeGreaterThan(p203);
    expect(section).toContain(`Foto 1 · JPEG, ${(jpeg.length / 1024).toFixed(1).replace('.', ',')} KB · 20/05/2026`);
    expect(section).toContain('Foto 3 · WebP, 33,8 KB · 20/05/2026: este formato no se puede mostrar en el informe');
    expect(section).toContain('Foto 2 · JPEG');
    expect(section).toContain('Foto 4 · JPEG, 2,0 KB · 20/05/2026: el archivo no está disponible');
    expect(section).toContain('Foto 5 · PNG');
    expect(section).toContain('Documento 6 · PDF, 1,2 MB · 20/05/2026: este formato no se puede mostrar');
  });

  it('prints no image when there are no photos, and says so', async () => {
    expect((await pdfImageCounts(await renderVisitReportPdf(report()))).every((n) => n === 0)).toBe(true);
    const text = (await pdfFlatText(await renderVisitReportPdf(report({ principles: principles.slice(0, 1) })))).join('\n');
    expect(text).toContain('No se subieron fotos ni documentos de esta visita.');
    expect(text).toContain('No se acordaron acciones correctivas para las no conformidades de esta visita.');
  });

  it('never leaves a photo group’s heading alone at the bottom of a page', async () => {
    const many = principles.flatMap((p) => p.answers.slice(0, 2)).map((a) => a.criterionCode);
    const big = await renderVisitReportPdf(
      report({ evidence: many.flatMap((code) => [evidence(code, 'image/jpeg', jpeg), evidence(code, 'image/png', png)]) }),
    );
    const bigPages = await pdfFlatText(big);
    expect((await pdfImageCounts(big)).reduce((a, b) => a + b, 0)).toBe(many.length * 2);
    many.forEach((code, i) => {
      const page = bigPages.find((p) => p.includes(`${code}. Práctica`));
      expect(page, code).toBeDefined();
      expect(page, code).toContain(`Foto ${2 * i + 1} · JPEG`);
    });
  });
});
