import { describe, expect, it } from 'vitest';
import { parseProducersCsv, producersToCsv } from '../../src/modules/registry/producers-csv.js';

const HEADER = 'nombre,sectores,productos,departamento,municipio,comunidad,grupo_familiar,fecha_compromiso,consentimiento_publico';

describe('parseProducersCsv', () => {
  it('reads UTF-8 with a BOM, Spanish accents, lists separated by |, and department names as written', () => {
    const text = `\uFEFF${HEADER}\nFamilia Ñuñez Quispe,agricola|transformacion,café|miel,Potosí,Tupiza,Villa Añez,Ñuñez,2025-03-01,sí\n`;
    const { rows, issues } = parseProducersCsv(text);
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        fields: {
          name: 'Familia Ñuñez Quispe',
          sectors: ['agricola', 'transformacion'],
          products: ['café', 'miel'],
          department: 'potosi',
          municipality: 'Tupiza',
          community: 'Villa Añez',
          household: 'Ñuñez',
          pledgeSignedOn: '2025-03-01',
          publicNameConsent: true,
        },
      },
    ]);
  });

  it('accepts ";" as delimiter, as spreadsheet programs in Spanish write it', () => {
    const text = `${HEADER.replaceAll(',', ';')}\r\nTaller Mamani;artesania;tejidos, chompas;La Paz;El Alto;Senkata;Mamani;;no\r\n`;
    const { rows, issues } = parseProducersCsv(text);
    expect(issues).toEqual([]);
    expect(rows[0]!.fields).toMatchObject({
      products: ['tejidos, chompas'],
      department: 'la-paz',
      pledgeSignedOn: null,
      publicNameConsent: false,
    });
  });

  it('reports every invalid row with its line and column', () => {
    const text = [
      HEADER,
      'Buena,agricola,café,La Paz,Caranavi,Bolinda,A,2025-01-01,si',
      ',agricola,café,Lima,Caranavi,Bolinda,B,2025-01-01,si',
      'Otra,agricola,,Oruro,Caracollo,C,C,2025-13-01,quizá',
      'Tercera,agricola,quinua,Oruro,Caracollo,D,D,01/02/2025,no',
    ].join('\n');
    const { rows, issues } = parseProducersCsv(text);
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(issues.map((i) => i.path)).toEqual([
      'line.3.nombre',
      'line.3.departamento',
      'line.4.consentimiento_publico',
      'line.5.fecha_compromiso',
    ]);
  });

  it('refuses a name a spreadsheet would run as a formula, naming its row', () => {
    const text = [
      HEADER,
      'Buena,agricola,café,La Paz,Caranavi,Bolinda,A,2025-01-01,si',
      '"=HYPERLINK(""http://x"",""ver"")",agricola,café,La Paz,Caranavi,Bolinda,B,,no',
      '@SUM(1),agricola,café,La Paz,Caranavi,Bolinda,C,,no',
      '+591,agricola,café,La Paz,Caranavi,Bolinda,D,,no',
      '-2+3,agricola,café,La Paz,Caranavi,Bolinda,E,,no',
    ].join('\n');
    const { rows, issues } = parseProducersCsv(text);
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(issues.map((i) => i.path)).toEqual(['line.3.nombre', 'line.4.nombre', 'line.5.nombre', 'line.6.nombre']);
    expect(issues[0]!.message).toContain('fila 3');
    expect(issues[0]!.message).toContain('fórmula');
  });

  it('names missing columns', () => {
    const { issues } = parseProducersCsv('nombre,sectores\nA,agricola\n');
    expect(issues).toEqual([{ path: 'line.1', message: expect.stringContaining('departamento') }]);
  });

  it('reports an unreadable file with its line, in Spanish and saying what to do', () => {
    const { issues } = parseProducersCsv(`${HEADER}\nA,agricola,café,La Paz,X,Y,Z,2025-01-01,si,columna-de-más\n`);
    expect(issues).toEqual([
      {
        path: 'line.2',
        message: 'La fila tiene 10 columnas y la primera, 9: si un valor lleva comas (o punto y coma), escríbalo entre comillas',
      },
    ]);
    const unclosed = parseProducersCsv(`${HEADER}\n"A,agricola,café,La Paz,X,Y,Z,2025-01-01,si\n`).issues;
    expect(unclosed).toEqual([{ path: 'line.2', message: 'Unas comillas se abren y no se cierran' }]);
    for (const issue of [...issues, ...unclosed]) expect(issue.message).not.toMatch(/Invalid|Quote|line \d/);
  });
});

describe('producersToCsv', () => {
  it('writes what parseProducersCsv reads back, with a BOM', () => {
    const producer = {
      id: 'x',
      organizationId: 'o',
      name: 'Asociación "Flor de Ceibo", Riberalta',
      sectors: ['recoleccion'],
      products: ['castaña', 'asaí'],
      department: 'beni',
      municipality: 'Riberalta',
      community: 'Santa María',
      household: 'Familia Añez',
      pledgeSignedOn: '2024-11-30',
      publicNameConsent: false,
      createdAt: '',
      updatedAt: '',
    };
    const csv = producersToCsv([producer]);
    expect(csv.startsWith('\uFEFFnombre,')).toBe(true);
    const { rows, issues } = parseProducersCsv(csv);
    expect(issues).toEqual([]);
    const { id: _i, organizationId: _o, createdAt: _c, updatedAt: _u, ...fields } = producer;
    expect(rows[0]!.fields).toEqual(fields);
  });

  it('writes a cell a spreadsheet would run as a formula as text, with a leading quote', () => {
    const csv = producersToCsv([
      {
        id: 'x',
        organizationId: 'o',
        name: '=HYPERLINK("http://x")',
        sectors: ['agricola'],
        products: ['+cacao', 'café'],
        department: 'la-paz',
        municipality: '@Caranavi',
        community: '-Bolinda',
        household: '\tA',
        pledgeSignedOn: null,
        publicNameConsent: true,
        createdAt: '',
        updatedAt: '',
      },
    ]);
    const cells = csv.trim().split('\n')[1]!;
    expect(cells).toBe(`"'=HYPERLINK(""http://x"")",agricola,'+cacao|café,La Paz,'@Caranavi,'-Bolinda,'\tA,,sí`);
  });
});
