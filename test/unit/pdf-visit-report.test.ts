import { beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_VALUES } from '../../src/domain/non-conformities.js';
import { renderVisitReportPdf, type VisitReportPdfData } from '../../src/pdf/visit-report-pdf.js';
import { pdfFlatText, pdfFonts, pdfInfo } from '../helpers/pdf-reader.js';

/** Six principles of ten criteria: sixty answers, enough for several pages. */
const principles = Array.from({ length: 6 }, (_, p) => ({
  code: `P${p + 1}`,
  title: `Principio ${p + 1}: trabajo digno, equidad y participación`,
  answers: Array.from({ length: 10 }, (_, i) => ({
    criterionCode: `P${p + 1}.${String(i + 1).padStart(2, '0')}`,
    text: `Práctica ${i + 1} del principio ${p + 1}: la unidad productiva la documenta y es verificable en campo.`,
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

  it('says so when there are no non-conformities, disagreements or observations', async () => {
    const clean = await renderVisitReportPdf(
      report({ nonConformities: [], disagreements: [], observations: '  ', principles: principles.slice(0, 1) }),
    );
    const text = (await pdfFlatText(clean)).join('\n');
    expect(text).toContain('No se registraron no conformidades.');
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
