import { beforeAll, describe, expect, it } from 'vitest';
import { renderActaPdf, type ActaPdfData } from '../../src/pdf/acta-pdf.js';
import { pdfFlatText, pdfFonts, pdfInfo } from '../helpers/pdf-reader.js';

const acta = (overrides: Partial<ActaPdfData> = {}): ActaPdfData => ({
  session: { id: 'ses-2026-06-10', date: '2026-06-10', quorumRequired: 3 },
  body: 'Comisión de Certificación SPG – Plataforma Multisectorial de Economía Solidaria y Comercio Justo de Bolivia',
  attendance: [
    { name: 'Ana Condori', present: true },
    { name: 'Benigno Ñaupa', present: true },
    { name: 'Carmen Rocha', present: true },
    { name: 'Daniel Flores', present: true },
    { name: 'Elena Vargas', present: false },
  ],
  dossiers: [
    {
      producer: 'Familia Quispe Mamani',
      organization: 'Cooperativa Agropecuaria Señor de Mayo',
      proposedOutcome: 'approved_with_conditions',
      votes: [
        { member: 'Ana Condori', vote: 'for', rationale: 'Cumple los criterios críticos.' },
        { member: 'Benigno Ñaupa', vote: 'for', rationale: null },
        { member: 'Carmen Rocha', vote: 'against', rationale: 'La no conformidad mayor es reiterada.' },
      ],
      recusals: [{ member: 'Daniel Flores', reason: 'Participó en la visita de pares.', kind: 'automatic' }],
      outcome: 'approved_with_conditions',
      sealLevel: 'En transición',
      rationale: 'Se aprueba con una acción correctiva sobre el registro de jornales.',
      conditions: [{ description: 'Completar el registro de jornales.', deadline: '2026-09-08' }],
      certificateCode: '7K3M-9QXA-2F4P',
    },
    {
      producer: 'Taller Artesanal Kusisqa',
      organization: 'Asociación de Artesanas de Potosí',
      proposedOutcome: 'denied',
      votes: [
        { member: 'Ana Condori', vote: 'for', rationale: 'Criterio crítico incumplido.' },
        { member: 'Benigno Ñaupa', vote: 'abstain', rationale: 'Conoce a la familia.' },
        { member: 'Carmen Rocha', vote: 'for', rationale: null },
        { member: 'Daniel Flores', vote: 'for', rationale: null },
      ],
      recusals: [],
      outcome: 'denied',
      sealLevel: null,
      rationale: 'Trabajo infantil observado durante la visita.',
      conditions: [],
      certificateCode: null,
    },
  ],
  appeals: [
    {
      producer: 'Familia Huanca',
      organization: 'OECA San Lucas',
      appealed: 'Decisión del 2026-03-10 (denegado), 9b1c…',
      reason: 'La visita no consideró la temporada de lluvias.',
      filedOn: '2026-04-02',
      proposedOutcome: 'rejected',
      votes: [
        { member: 'Carmen Rocha', vote: 'for', rationale: 'La evidencia es clara.' },
        { member: 'Daniel Flores', vote: 'for', rationale: null },
        { member: 'Benigno Ñaupa', vote: 'against', rationale: 'Debería repetirse la visita.' },
      ],
      recusals: [{ member: 'Ana Condori', reason: 'Votó en la decisión apelada.', kind: 'voluntary' }],
      outcome: 'rejected',
      rationale: 'La temporada no cambia el incumplimiento observado.',
    },
  ],
  ...overrides,
});

describe('renderActaPdf', () => {
  let pdf: Buffer;
  let pages: string[];
  let all: string;
  beforeAll(async () => {
    pdf = await renderActaPdf(acta());
    pages = await pdfFlatText(pdf);
    all = pages.join('\n');
  });

  it('prints the session: date, id, quorum and attendance', () => {
    expect(all).toContain('Acta de sesión de la Comisión de Certificación');
    expect(all).toContain('Fecha 10 de junio de 2026 (2026-06-10)');
    expect(all).toContain('Identificador de la sesión ses-2026-06-10');
    expect(all).toContain('Quórum requerido 3');
    expect(all).toContain('Quórum Alcanzado (4 de 3 requeridos)');
    expect(all).toContain('Benigno Ñaupa Presente');
    expect(all).toContain('Elena Vargas Ausente');
  });

  it('records each dossier with proposal, votes, recusals, outcome, conditions and certificate', () => {
    expect(all).toContain('Expediente 1: Familia Quispe Mamani');
    expect(all).toContain('Organización Cooperativa Agropecuaria Señor de Mayo');
    expect(all).toContain('Propuesta sometida a votación Aprobado con condiciones');
    expect(all).toContain('Ana Condori A favor Cumple los criterios críticos.');
    expect(all).toContain('Carmen Rocha En contra La no conformidad mayor es reiterada.');
    expect(all).toContain('Daniel Flores Automática Participó en la visita de pares.');
    expect(all).toContain('Resultado de la votación A favor: 2 · En contra: 1 · Abstenciones: 0');
    expect(all).toContain('Resultado Aprobado con condiciones');
    expect(all).toContain('Nivel del sello En transición');
    expect(all).toContain('Completar el registro de jornales. Plazo: 8 de septiembre de 2026 (2026-09-08).');
    expect(all).toContain('Certificado emitido 7K3M-9QXA-2F4P');

    expect(all).toContain('Expediente 2: Taller Artesanal Kusisqa');
    expect(all).toContain('Benigno Ñaupa Abstención Conoce a la familia.');
    expect(all).toContain('Resultado de la votación A favor: 3 · En contra: 0 · Abstenciones: 1');
    expect(all).toContain('Resultado Denegado');
    expect(all).toContain('Sin recusaciones.');
    expect(all).toContain('Certificado emitido No se emitió certificado.');
  });

  it('records each appeal with its votes, recusals and outcome', () => {
    expect(all).toContain('Apelación 1: Familia Huanca');
    expect(all).toContain('Decisión apelada Decisión del 2026-03-10 (denegado), 9b1c…');
    expect(all).toContain('Motivo de la apelación La visita no consideró la temporada de lluvias.');
    expect(all).toContain('Fecha de presentación 2 de abril de 2026 (2026-04-02)');
    expect(all).toContain('Ana Condori Voluntaria Votó en la decisión apelada.');
    expect(all).toContain('Benigno Ñaupa En contra Debería repetirse la visita.');
    expect(all).toContain('Resultado Apelación rechazada');
  });

  it('ends with signature lines for the members present only', () => {
    const signatures = all.slice(all.lastIndexOf('Firmas de los miembros presentes'));
    for (const name of ['Ana Condori', 'Benigno Ñaupa', 'Carmen Rocha', 'Daniel Flores']) {
      expect(signatures).toContain(`Firma ${name}`);
    }
    expect(signatures).not.toContain('Elena Vargas');
  });

  it('numbers its pages', () => {
    pages.forEach((page, i) => expect(page).toContain(`Página ${i + 1} de ${pages.length}`));
  });

  it('says when the quorum was not reached and nothing was decided', async () => {
    const empty = await renderActaPdf(
      acta({
        attendance: [
          { name: 'Ana Condori', present: true },
          { name: 'Elena Vargas', present: false },
        ],
        dossiers: [],
        appeals: [],
      }),
    );
    const text = (await pdfFlatText(empty)).join('\n');
    expect(text).toContain('Quórum No alcanzado (1 de 3 requeridos)');
    expect(text).toContain('No se decidieron expedientes en esta sesión.');
    expect(text).toContain('No se decidieron apelaciones en esta sesión.');
  });

  it('paginates a long session', async () => {
    const many = acta({ dossiers: Array.from({ length: 12 }, () => acta().dossiers[0]!) });
    const text = await pdfFlatText(await renderActaPdf(many));
    expect(text.length).toBeGreaterThan(2);
    expect(text.join('\n').split('Certificado emitido 7K3M-9QXA-2F4P').length - 1).toBe(12);
    text.forEach((page, i) => expect(page).toContain(`Página ${i + 1} de ${text.length}`));
  });

  it('embeds every font it uses', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts) expect(font.embedded, font.name).toBe(true);
  });

  it('sets the metadata', async () => {
    expect(await pdfInfo(pdf)).toMatchObject({
      title: 'Acta de la sesión de la Comisión de Certificación del 10 de junio de 2026',
      author: acta().body,
      creator: 'Sello',
      creationDate: 'D:20260610000000Z',
      language: 'es-BO',
    });
  });

  it('is byte-identical for the same data and differs for different data', async () => {
    expect((await renderActaPdf(acta())).equals(pdf)).toBe(true);
    const changed = acta();
    changed.dossiers[1]!.votes[1]!.vote = 'against';
    expect((await renderActaPdf(changed)).equals(pdf)).toBe(false);
  });
});
