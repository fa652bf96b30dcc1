import { beforeAll, describe, expect, it } from 'vitest';
import { renderActaPdf, type ActaMatter, type ActaPdfData } from '../../src/pdf/acta-pdf.js';
import { pdfFlatText, pdfFonts, pdfInfo } from '../helpers/pdf-reader.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const decision: Extract<ActaMatter, { kind: 'decision' }> = {
  kind: 'decision',
  number: '12/2026',
  producer: 'Familia Quispe Mamani',
  organization: 'Cooperativa Agropecuaria Señor de Mayo',
  proposedOutcome: 'approved_with_conditions',
  votes: [
    { member: 'Ana Condori', vote: 'for', rationale: null },
    { member: 'Benigno Ñaupa', vote: 'for', rationale: null },
    { member: 'Daniel Flores', vote: 'against', rationale: 'La no conformidad mayor es reiterada.' },
  ],
  recusals: [{ member: 'Carmen Rocha', reason: 'Carmen Rocha integró el equipo de visita de este expediente', kind: 'automatic' }],
  outcome: 'approved_with_conditions',
  sealLevel: 'En transición',
  rationale: 'Se aprueba con una acción correctiva sobre el registro de jornales.',
  conditions: [{ description: 'Completar el registro de jornales.', deadline: '2027-02-18' }],
  certificateCode: '7K3M-9QXA-2F4P',
  recordedBy: 'Ana Condori',
};

const matters = (): ActaMatter[] => [
  decision,
  {
    kind: 'deferral',
    number: '13/2026',
    producer: 'Taller Artesanal Kusisqa',
    organization: 'Asociación de Artesanas de Potosí',
    reason: 'Tras las excusas solo pueden votar dos miembros y no hay suplentes habilitados.',
    recusals: [
      { member: 'Ana Condori', reason: 'Es comadre de la productora.', kind: 'voluntary' },
      { member: 'Benigno Ñaupa', reason: 'Benigno Ñaupa pertenece a la misma organización que el productor', kind: 'automatic' },
    ],
  },
  {
    kind: 'certificate',
    act: 'revoked',
    code: '9PQR-4TUV-8WXY',
    producer: 'Familia Mamani Choque',
    organization: 'OECA San Lucas',
    reason: 'Se comprobó la mezcla de café de terceros con el café certificado.',
    recordedBy: 'Ana Condori',
  },
  {
    kind: 'appeal',
    producer: 'Familia Huanca',
    organization: 'OECA San Lucas',
    appealed: { kind: 'decision', number: '03/2026', date: '2026-03-10', outcome: 'denied' },
    reason: 'La visita no consideró la temporada de lluvias.',
    filedOn: '2026-04-02',
    proposedOutcome: 'rejected',
    votes: [
      { member: 'Carmen Rocha', vote: 'for', rationale: null },
      { member: 'Daniel Flores', vote: 'for', rationale: null },
      { member: 'Benigno Ñaupa', vote: 'for', rationale: null },
      { member: 'Elena Vargas', vote: 'abstain', rationale: null },
    ],
    recusals: [{ member: 'Ana Condori', reason: 'Ana Condori votó en la decisión apelada', kind: 'automatic' }],
    outcome: 'rejected',
    rationale: 'La temporada no cambia el incumplimiento observado.',
    reinstated: null,
    recordedBy: 'Ana Condori',
  },
];

const acta = (overrides: Partial<ActaPdfData> = {}): ActaPdfData => ({
  session: {
    number: '07/2026',
    date: '2026-11-20',
    place: 'Sede de la Plataforma, La Paz',
    startsAt: '09:00',
    endsAt: '11:40',
    quorumRequired: 3,
    voters: 4,
  },
  body: 'Plataforma Multisectorial de Economía Solidaria y Comercio Justo de Bolivia – Comisión de Certificación SPG',
  attendance: [
    { name: 'Ana Condori', present: true, seat: 'titular', since: null },
    { name: 'Benigno Ñaupa', present: true, seat: 'titular', since: null },
    { name: 'Carmen Rocha', present: true, seat: 'titular', since: null },
    { name: 'Daniel Flores', present: true, seat: 'suplente', since: '09:35' },
    { name: 'Elena Vargas', present: false, seat: 'suplente', since: null },
  ],
  agenda: [
    { subject: 'Expediente de Familia Quispe Mamani (Cooperativa Agropecuaria Señor de Mayo), ciclo 2026', note: null, treated: true },
    { subject: 'Expediente de Taller Artesanal Kusisqa (Asociación de Artesanas de Potosí), ciclo 2026', note: null, treated: true },
    { subject: 'Certificado 9PQR-4TUV-8WXY de Familia Mamani Choque (OECA San Lucas)', note: 'Denuncia por mezcla', treated: true },
    { subject: 'Apelación de Familia Huanca (OECA San Lucas)', note: null, treated: true },
    { subject: 'Certificado 4H7P-2KMN-5RST de Familia Torrez (OECA San Lucas)', note: null, treated: false },
  ],
  matters: matters(),
  ...overrides,
});

const join = (pages: string[]) => pages.join('\n');
const count = (text: string, phrase: string) => text.split(phrase).length - 1;

describe('renderActaPdf', () => {
  let pdf: Buffer;
  let pages: string[];
  let all: string;
  beforeAll(async () => {
    pdf = await renderActaPdf(acta());
    pages = await pdfFlatText(pdf);
    all = join(pages);
  });

  it('names the session by its number and states place, date in words and hours', () => {
    expect(all).toContain('Acta de la sesión N° 07/2026 de la Comisión de Certificación');
    expect(all).toContain('Lugar Sede de la Plataforma, La Paz');
    expect(all).toContain('Fecha 20 de noviembre de 2026');
    expect(all).toContain('Horario de 09:00 a 11:40');
  });

  it('groups the attendance, with the time a suplente joined, and states the quorum in words and numbers', () => {
    expect(all).toContain('Titulares presentes Ana Condori, Benigno Ñaupa, Carmen Rocha');
    expect(all).toContain('Suplentes presentes (convocados) Daniel Flores (desde las 09:35)');
    expect(all).toContain('Ausentes Elena Vargas (suplente)');
    expect(all).toContain(
      'Quórum El quórum es de tres (3) miembros con voto; entre los presentes pueden votar cuatro (4) miembros: hay quórum.',
    );
  });

  it('lists the agenda as agreed, numbered, and the points not treated', () => {
    expect(all).toContain('Orden del día 1. Expediente de Familia Quispe Mamani (Cooperativa Agropecuaria Señor de Mayo), ciclo 2026');
    expect(all).toContain('3. Certificado 9PQR-4TUV-8WXY de Familia Mamani Choque (OECA San Lucas). Denuncia por mezcla');
    expect(all).toContain('Puntos del orden del día no tratados');
    expect(all).toContain('Punto 5: Certificado 4H7P-2KMN-5RST de Familia Torrez (OECA San Lucas). No se trató.');
    expect(count(all, 'No se trató')).toBe(1);
  });

  it('says once how the votes were recorded when one person recorded them all', () => {
    expect(count(all, 'Los votos se expresaron de viva voz y los registró Ana Condori.')).toBe(1);
  });

  it('records a decision with its resolution number, each vote, the recusal and the tally in words and numbers', () => {
    expect(all).toContain('1. Resolución N° 12/2026: expediente de Familia Quispe Mamani');
    expect(all).toContain('Organización Cooperativa Agropecuaria Señor de Mayo');
    expect(all).toContain('Propuesta sometida a votación Aprobado con condiciones');
    expect(all).toContain('Ana Condori A favor');
    expect(all).toContain('Daniel Flores En contra La no conformidad mayor es reiterada.');
    expect(all).toContain('Carmen Rocha Recusación Carmen Rocha integró el equipo de visita de este expediente');
    expect(all).toContain('Votación dos (2) votos a favor, uno (1) en contra y ninguna (0) abstención');
    expect(all).toContain('Resultado Aprobado con condiciones');
    expect(all).toContain('Nivel del sello En transición');
    expect(all).toContain('Completar el registro de jornales. Plazo: 18 de febrero de 2027 (2027-02-18).');
    expect(all).toContain('Certificado emitido 7K3M-9QXA-2F4P');
  });

  it('records a deferral for lack of quorum with its reason and the recusals behind it', () => {
    expect(all).toContain('2. Resolución N° 13/2026: expediente de Taller Artesanal Kusisqa');
    expect(all).toContain('Diferido por falta de quórum: Tras las excusas solo pueden votar dos miembros y no hay suplentes habilitados.');
    expect(all).toContain('Ana Condori Excusa Es comadre de la productora.');
  });

  it('records a revocation agreed in the session with the certificate, its holder and the reason', () => {
    expect(all).toContain('3. Revocación del certificado 9PQR-4TUV-8WXY');
    expect(all).toContain('Titular del certificado Familia Mamani Choque (OECA San Lucas)');
    expect(all).toContain('Acuerdo Se revoca el certificado 9PQR-4TUV-8WXY, de forma definitiva.');
    expect(all).toContain('Motivo Se comprobó la mezcla de café de terceros con el café certificado.');
  });

  it('records an appeal citing the appealed resolution by number and date', () => {
    expect(all).toContain('4. Apelación de Familia Huanca');
    expect(all).toContain('Acto apelado Resolución N° 03/2026 del 10 de marzo de 2026 (denegado)');
    expect(all).toContain('Apelación presentada el 2 de abril de 2026');
    expect(all).toContain('Motivo de la apelación La visita no consideró la temporada de lluvias.');
    expect(all).toContain('Votación tres (3) votos a favor, ninguno (0) en contra y una (1) abstención');
    expect(all).toContain('Resultado Apelación rechazada');
  });

  it('closes with the time and every present member’s signature line on one page', () => {
    const closing = 'Sin más asuntos que tratar, se cierra la sesión a las 11:40.';
    const page = pages.find((p) => p.includes(closing));
    expect(page).toBeDefined();
    for (const [name, role] of [
      ['Ana Condori', 'Miembro titular'],
      ['Benigno Ñaupa', 'Miembro titular'],
      ['Carmen Rocha', 'Miembro titular'],
      ['Daniel Flores', 'Miembro suplente'],
    ])
      expect(page).toContain(`Firma ${name} ${role}`);
    expect(all).not.toContain('Firma Elena Vargas');
  });

  it('has no identifier anywhere, and every page carries the session number', () => {
    expect(all).not.toMatch(UUID);
    pages.forEach((page, i) => {
      expect(page).toContain('Comisión de Certificación · Acta de la sesión N° 07/2026 del 20 de noviembre de 2026');
      expect(page).toContain(`Página ${i + 1} de ${pages.length}`);
      expect(page).toMatch(/Acta de la sesión N° 07\/2026$/);
    });
  });

  it('says per matter who recorded the votes when different people did', async () => {
    const [first, , , appeal] = matters();
    const text = join(
      await pdfFlatText(
        await renderActaPdf(
          acta({ matters: [first!, { ...(appeal as Extract<ActaMatter, { kind: 'appeal' }>), recordedBy: 'Benigno Ñaupa' }] }),
        ),
      ),
    );
    expect(count(text, 'Los votos se expresaron de viva voz y los registró Ana Condori.')).toBe(1);
    expect(count(text, 'Los votos se expresaron de viva voz y los registró Benigno Ñaupa.')).toBe(1);
    expect(text.indexOf('registró Ana Condori')).toBeLessThan(text.indexOf('2. Apelación de Familia Huanca'));
  });

  it('says once that nothing was treated, lists the untreated agenda, and does without times or a number', async () => {
    const text = join(
      await pdfFlatText(
        await renderActaPdf(
          acta({
            session: { ...acta().session, number: null, place: null, endsAt: null, voters: 2 },
            attendance: [
              { name: 'Ana Condori', present: true, seat: null, since: null },
              { name: 'Benigno Ñaupa', present: true, seat: null, since: null },
              { name: 'Elena Vargas', present: false, seat: null, since: null },
            ],
            agenda: [{ subject: 'Apelación de Familia Huanca (OECA San Lucas)', note: null, treated: false }],
            matters: [],
          }),
        ),
      ),
    );
    expect(count(text, 'En esta sesión no se trataron asuntos.')).toBe(1);
    expect(text).not.toContain('No se decidieron');
    expect(text).not.toContain('viva voz');
    expect(text).toContain('Punto 1: Apelación de Familia Huanca (OECA San Lucas). No se trató.');
    expect(text).toContain('Acta de la sesión del 20 de noviembre de 2026 de la Comisión de Certificación');
    expect(text).toContain('Lugar no registrado');
    expect(text).toContain('Horario desde las 09:00; hora de cierre no registrada');
    expect(text).toContain('Miembros presentes Ana Condori, Benigno Ñaupa');
    expect(text).toContain('Ausentes Elena Vargas');
    expect(text).toContain('pueden votar dos (2) miembros: no hay quórum.');
    expect(text).toContain('Sin más asuntos que tratar, se cierra la sesión; la hora de cierre no quedó registrada.');
    expect(text).toContain('Firma Ana Condori Miembro de la comisión');
  });

  it('tells an upheld appeal against a suspension with the certificate it reinstates, and a proposal that did not carry', async () => {
    const text = join(
      await pdfFlatText(
        await renderActaPdf(
          acta({
            matters: [
              {
                ...decision,
                votes: decision.votes.map((v) => ({ ...v, vote: 'against', rationale: 'Falta la hoja de costos.' })),
                outcome: 'deferred',
                sealLevel: null,
                conditions: [],
                certificateCode: null,
              },
              {
                ...(matters()[3] as Extract<ActaMatter, { kind: 'appeal' }>),
                appealed: { kind: 'suspension', code: '9PQR-4TUV-8WXY', date: '2026-09-01' },
                proposedOutcome: 'upheld',
                outcome: 'upheld',
                reinstated: '9PQR-4TUV-8WXY',
              },
            ],
          }),
        ),
      ),
    );
    expect(text).toContain('Votación ningún (0) voto a favor, tres (3) en contra y ninguna (0) abstención');
    expect(text).toContain('Resultado Diferido: la propuesta no obtuvo la mayoría de los votos emitidos');
    expect(text).toContain('Acto apelado Suspensión del certificado 9PQR-4TUV-8WXY del 1 de septiembre de 2026');
    expect(text).toContain('En consecuencia, se rehabilita el certificado 9PQR-4TUV-8WXY.');
  });

  it('embeds every font it uses', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts) expect(font.embedded, font.name).toBe(true);
  });

  it('sets the metadata', async () => {
    expect(await pdfInfo(pdf)).toMatchObject({
      title: 'Acta de la sesión N° 07/2026 de la Comisión de Certificación',
      author: acta().body,
      creator: 'Sello',
      creationDate: 'D:20261120000000Z',
      language: 'es-BO',
    });
  });

  it('is byte-identical for the same data and differs for different data', async () => {
    expect((await renderActaPdf(acta())).equals(pdf)).toBe(true);
    const changed = acta({
      matters: [{ ...decision, votes: [...decision.votes.slice(0, 2), { member: 'Daniel Flores', vote: 'for', rationale: null }] }],
    });
    expect((await renderActaPdf(changed)).equals(pdf)).toBe(false);
  });
});

describe('the signature block of the acta', () => {
  const closing = 'Sin más asuntos que tratar, se cierra la sesión a las 11:40.';

  /** Present members named Miembro 01… with alternating seats. */
  const members = (n: number): ActaPdfData['attendance'] =>
    Array.from({ length: n }, (_, i) => ({
      name: `Miembro ${String(i + 1).padStart(2, '0')}`,
      present: true,
      seat: i < 3 ? ('titular' as const) : ('suplente' as const),
      since: null,
    }));

  /** An acta whose last matter has `lines` lines of reason, so that the closing falls anywhere on a page. */
  const padded = (lines: number, attendance: ActaPdfData['attendance']): ActaPdfData =>
    acta({
      attendance,
      matters: [
        decision,
        {
          kind: 'certificate',
          act: 'suspended',
          code: '9PQR-4TUV-8WXY',
          producer: 'Familia Mamani Choque',
          organization: 'OECA San Lucas',
          reason: Array.from({ length: lines }, (_, i) => `Hecho ${i + 1} comprobado en la visita de seguimiento.`).join('\n'),
          recordedBy: 'Ana Condori',
        },
      ],
    });

  /** Renders one acta per padding and returns, for each, the pages and where the signatures are. */
  async function sweep(paddings: number[], attendance: ActaPdfData['attendance']) {
    return Promise.all(
      paddings.map(async (lines) => {
        const pages = await pdfFlatText(await renderActaPdf(padded(lines, attendance)));
        const pagesOf = (phrase: string) => pages.flatMap((p, i) => (p.includes(phrase) ? [i] : []));
        return { lines, pages, closing: pagesOf(closing), signatures: attendance.map((m) => pagesOf(`Firma ${m.name} `)) };
      }),
    );
  }

  it('keeps the closing and every signature on one page, moving the whole block when it would split', async () => {
    const attendance = members(4);
    const results = await sweep(
      Array.from({ length: 17 }, (_, i) => i * 4),
      attendance,
    );
    let moved = 0;
    for (const r of results) {
      expect(r.closing, `${r.lines} lines`).toHaveLength(1);
      const page = r.closing[0]!;
      for (const on of r.signatures) expect(on, `${r.lines} lines`).toEqual([page]);
      // Moved whole: the block opens a page of its own, after the matter that ended the page before.
      if (r.pages[page]!.startsWith(closing)) {
        moved += 1;
        expect(r.pages[page - 1]).toContain('Registró el acuerdo Ana Condori.');
      }
    }
    // Lines of about 12 points over two pages: the closing lands near the foot of a page in several of them.
    expect(moved).toBeGreaterThanOrEqual(2);
  });

  it('keeps a long list of signatures together too', async () => {
    const attendance = members(14);
    const results = await sweep(
      Array.from({ length: 14 }, (_, i) => i * 5),
      attendance,
    );
    expect(results.some((r) => r.pages[r.closing[0]!]!.startsWith(closing))).toBe(true);
    for (const r of results) {
      const page = r.closing[0]!;
      for (const on of r.signatures) expect(on, `${r.lines} lines`).toEqual([page]);
    }
  });

  it('when the signatures cannot fit on one page, leaves no signature alone on the last page', async () => {
    const attendance = members(35);
    const [r] = await sweep([0], attendance);
    const last = r!.pages.at(-1)!;
    expect(count(last, 'Firma Miembro')).toBeGreaterThanOrEqual(3);
    expect(r!.pages[r!.closing[0]!]).toContain('Firmas de los miembros presentes');
    for (const on of r!.signatures) expect(on).toHaveLength(1);
  });
});
