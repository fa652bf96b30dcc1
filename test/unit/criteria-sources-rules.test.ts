import { describe, expect, it } from 'vitest';
import type { CriteriaFile } from '../../src/domain/criteria-schema.js';
import { allCriteria, checkVersionRules } from '../../src/domain/criteria.js';
import { SANCTIONS, REVIEWER_TRAINING } from '../helpers/catalogue-criteria.js';
import { criteriaFile } from '../helpers/criteria-factory.js';

const DOCUMENTS: NonNullable<CriteriaFile['documents']> = [
  { code: 'declaracion', title: 'Declaración de prueba' },
  { code: 'foro', title: 'Foro de prueba' },
];

/** The factory's file with source documents declared and every criterion citing the first one. */
function withSources(overrides: Partial<CriteriaFile> = {}): CriteriaFile {
  const file = criteriaFile({ documents: DOCUMENTS, ...overrides });
  for (const principle of file.principles) {
    principle.criteria = principle.criteria.map((c) => ({ ...c, sources: [{ document: 'declaracion', passage: 'un pasaje' }] }));
  }
  return file;
}

const messages = (file: CriteriaFile) => checkVersionRules(file).map((i) => `${i.path}: ${i.message}`);

describe('checkVersionRules on catalogues, sources and change notes', () => {
  it('finds nothing wrong in a file with catalogue, training, documents, sources and change notes', () => {
    const file = withSources({
      sanctions: SANCTIONS,
      training: { reviewer: REVIEWER_TRAINING, whenMissing: 'refuse' },
      retired: [{ code: 'P9.01', reason: { es: 'Se integró en P1.01' } }],
      changes: [
        { about: 'P1.01', reason: { es: 'Cambia el texto' } },
        { about: 'P9.01', reason: { es: 'Se retira' } },
        { about: 'sanctions', reason: { es: 'Se agrega el catálogo' } },
        { about: 'documents', reason: { es: 'Se declaran las fuentes' } },
      ],
    });
    expect(checkVersionRules(file)).toEqual([]);
  });

  it('refuses a sanction code used twice', () => {
    const file = criteriaFile({ sanctions: [...SANCTIONS, { ...SANCTIONS[0]!, name: { es: 'Otra' } }] });
    expect(messages(file)).toEqual([`sanctions: Sanción duplicada: ${SANCTIONS[0]!.code}`]);
  });

  it('refuses a training topic used twice', () => {
    const file = criteriaFile({ training: { reviewer: [...REVIEWER_TRAINING, REVIEWER_TRAINING[1]!], whenMissing: 'warn' } });
    expect(messages(file)).toEqual([`training.reviewer: Capacitación duplicada: ${REVIEWER_TRAINING[1]!.topic}`]);
  });

  it('refuses a source document code used twice', () => {
    const file = withSources({ documents: [...DOCUMENTS, { code: 'foro', title: 'Otro foro' }] });
    expect(messages(file)).toEqual(['documents: Documento de base duplicado: foro']);
  });

  it('refuses a source that names a document the file does not declare, with its path', () => {
    const file = withSources();
    file.principles[0]!.criteria[1]!.sources = [
      { document: 'declaracion', passage: 'un pasaje' },
      { document: 'informe', passage: 'otro pasaje' },
    ];
    expect(messages(file)).toEqual([
      'principles.0.criteria.1.sources.1.document: El criterio P1.02 cita un documento que no figura en «documents»: informe',
    ]);
  });

  it('refuses sources in a file that declares no documents', () => {
    const file = criteriaFile();
    file.principles[0]!.criteria[0]!.sources = [{ document: 'declaracion', passage: 'un pasaje' }];
    expect(messages(file)).toEqual([
      'principles.0.criteria.0.sources.0.document: El criterio P1.01 cita un documento que no figura en «documents»: declaracion',
    ]);
  });

  it('once a file declares documents, names every criterion without sources', () => {
    const file = withSources();
    const last = file.principles.at(-1)!;
    delete last.criteria[0]!.sources;
    const code = last.criteria[0]!.code;
    expect(messages(file)).toEqual([
      `principles.${file.principles.length - 1}.criteria.0.sources: El criterio ${code} no cita de qué documento de base viene`,
    ]);
    // Without documents, a file needs no sources at all (the published versions before 2027.1).
    expect(checkVersionRules(criteriaFile())).toEqual([]);
    expect(allCriteria(criteriaFile()).every((c) => c.sources === undefined)).toBe(true);
  });

  it('refuses a change note about something that is neither a criterion of the version, one it retires, nor a setting', () => {
    const file = criteriaFile({
      changes: [
        { about: 'P1.01', reason: { es: 'Cambia' } },
        { about: 'P3.03', reason: { es: 'Se retiró en otra versión' } },
        { about: 'visitTeam', reason: { es: 'Cambia el equipo' } },
        { about: 'capacitacion', reason: { es: 'Mal escrito' } },
      ],
    });
    expect(messages(file)).toEqual([
      'changes.1.about: El cambio habla de «P3.03», que no es un criterio de esta versión, ni uno que retira, ni una regla del esquema',
      'changes.3.about: El cambio habla de «capacitacion», que no es un criterio de esta versión, ni uno que retira, ni una regla del esquema',
    ]);
  });
});
