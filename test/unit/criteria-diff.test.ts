import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../src/domain/criteria-diff.js';
import { allCriteria } from '../../src/domain/criteria.js';
import { criterionChangeLines, diffSummary } from '../../src/domain/criteria-words.js';
import { loadCriteria } from '../../src/modules/criteria/criteria-loader.js';
import { REAL_CRITERIA_DIR } from '../helpers/app.js';
import { criteriaFile, criterion } from '../helpers/criteria-factory.js';

describe('diffVersions', () => {
  it('lists added, changed (with fields) and retired criteria with the reason', () => {
    const from = criteriaFile();
    const to = criteriaFile({
      version: '2026.1',
      retired: [{ code: 'P2.01', reason: { es: 'Se integró en P1.02' } }],
      visitTeam: { ...from.visitTeam, requiresConsumerOrTechnician: true },
    });
    to.principles = [
      {
        ...from.principles[0]!,
        criteria: [
          criterion('P1.01', { level: 'critical' }),
          criterion('P1.02', { level: 'major', text: { es: 'Nuevo texto' }, sectors: ['agricola', 'artesania'] }),
          criterion('P1.03'),
        ],
      },
    ];
    const diff = diffVersions(from, to);
    expect(diff.added.map((c) => c.code)).toEqual(['P1.03']);
    expect(diff.changed).toEqual([expect.objectContaining({ code: 'P1.02', fields: ['text', 'level'] })]);
    expect(diff.retired).toEqual([expect.objectContaining({ code: 'P2.01', reason: { es: 'Se integró en P1.02' } })]);
    expect(diff.unchanged).toBe(1);
    expect(diff.settingsChanged).toEqual(['visitTeam']);
  });

  it('sees no difference between a version and itself, and accounts for every criterion', () => {
    const codes = fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 12 });
    fc.assert(
      fc.property(codes, codes, fc.boolean(), (a, b, bump) => {
        const make = (nums: number[], version: string) =>
          criteriaFile({
            version,
            principles: [
              {
                code: 'P1',
                title: { es: 'P' },
                description: { es: 'P' },
                criteria: nums.map((n) =>
                  criterion(`P1.${String(n).padStart(2, '0')}`, bump && n % 2 === 0 && version === 'b' ? { level: 'major' } : {}),
                ),
              },
            ],
          });
        const from = make(a, 'a');
        const to = make(b, 'b');
        const self = diffVersions(from, from);
        expect(self.added.length + self.changed.length + self.retired.length).toBe(0);
        const diff = diffVersions(from, to);
        expect(diff.added.length + diff.changed.length + diff.unchanged).toBe(allCriteria(to).length);
        expect(diff.retired.length + diff.changed.length + diff.unchanged).toBe(allCriteria(from).length);
      }),
    );
  });
});

describe('diffVersions: sectors, scope and the follow-up rule', () => {
  const withScope = (file: ReturnType<typeof criteriaFile>, scopes: Record<string, 'organization' | 'unit'>) => ({
    ...file,
    principles: file.principles.map((p) => ({ ...p, criteria: p.criteria.map((c) => ({ ...c, scope: scopes[c.code] })) })),
  });
  const from = criteriaFile();
  const base = criteriaFile({
    version: '2026.1',
    sectors: [...from.sectors, { code: 'comercializacion', name: { es: 'Comercialización solidaria' } }],
    decisionPolicy: {
      ...from.decisionPolicy,
      critical: { ...from.decisionPolicy.critical, followUp: ['visit'] },
      major: { ...from.decisionPolicy.major, followUp: ['visit', 'commission_review'], correctiveActionMaxDays: 60 },
    },
  });
  const to = withScope(
    {
      ...base,
      principles: base.principles.map((p) => ({
        ...p,
        criteria: p.criteria.map((c) => (c.code === 'P2.01' ? c : { ...c, sectors: [...c.sectors, 'comercializacion'] })),
      })),
    },
    { 'P1.01': 'organization', 'P1.02': 'unit', 'P2.01': 'unit' },
  );
  const name = (code: string) => to.sectors.find((s) => s.code === code)?.name.es ?? code;

  it('reports the new sector, each criterion’s scope and sectors, and the levels whose rule changed', () => {
    const diff = diffVersions(from, to);
    expect(diff.sectorsAdded).toEqual([{ code: 'comercializacion', name: { es: 'Comercialización solidaria' } }]);
    expect(diff.sectorsRemoved).toEqual([]);
    expect(diff.changed.map((c) => [c.code, c.fields])).toEqual([
      ['P1.01', ['sectors', 'scope']],
      ['P1.02', ['sectors', 'scope']],
      ['P2.01', ['scope']],
    ]);
    expect(diff.policyChanged.map((p) => [p.level, p.fields])).toEqual([
      ['critical', ['followUp']],
      ['major', ['correctiveActionMaxDays', 'followUp']],
    ]);
    expect(diff.settingsChanged).toEqual(['sectors', 'decisionPolicy']);
    // And back: the sector is gone, the follow-up rule too.
    const back = diffVersions(to, from);
    expect(back.sectorsRemoved.map((s) => s.code)).toEqual(['comercializacion']);
    expect(back.sectorsAdded).toEqual([]);
  });

  it('says it in plain Spanish, grouping the criteria that changed alike', () => {
    const lines = diffSummary(diffVersions(from, to), name);
    expect(lines).toEqual([
      'Sector nuevo: Comercialización solidaria («comercializacion»), que se aplica a 2 criterios.',
      'Se agrega el sector Comercialización solidaria a 2 criterios: P1.01, P1.02.',
      'A quién se refiere: sin indicar → la organización (se evalúa una vez para la organización), en 1 criterio: P1.01.',
      'A quién se refiere: sin indicar → cada unidad productiva familiar (se evalúa en cada unidad productiva), en 2 criterios: P1.02, P2.01.',
      'Criterios críticos: una no conformidad se cierra solo con una visita de seguimiento de un equipo independiente del comité local (antes: la puede cerrar el comité local).',
      'Criterios mayores: plazo máximo de una acción correctiva, 60 días (antes: 90 días).',
      'Criterios mayores: una no conformidad se cierra solo con una visita de seguimiento de un equipo independiente del comité local o la revisión de la evidencia por la comisión (antes: la puede cerrar el comité local).',
    ]);
    const back = diffSummary(diffVersions(to, from), name);
    expect(back).toContain('Sector que ya no está: Comercialización solidaria («comercializacion»).');
    expect(back).toContain('Se quita el sector Comercialización solidaria de 2 criterios: P1.01, P1.02.');
  });

  it('gives the reason of a retired criterion when the version gives one', () => {
    const next = criteriaFile({ version: '2026.1', retired: [{ code: 'P2.01', reason: { es: 'Se integró en P1.02' } }] });
    next.principles = [next.principles[0]!];
    expect(diffSummary(diffVersions(from, next), name)).toEqual(['Se retira P2.01 (motivo: Se integró en P1.02).']);
    const silent = { ...next, retired: [] };
    expect(diffSummary(diffVersions(from, silent), name)).toEqual(['Se retira P2.01 (la versión no dice por qué).']);
  });

  it('lists a changed criterion field by field', () => {
    const p101 = diffVersions(from, to).changed[0]!;
    expect(criterionChangeLines(p101, name)).toEqual([
      'sectores: se agrega Comercialización solidaria',
      'a quién se refiere: sin indicar → la organización',
    ]);
  });

  it('finds in the published 2026.3 → 2026.4 the sector comercializacion, scope on every criterion and the follow-up of critical and major', () => {
    const { versions } = loadCriteria(REAL_CRITERIA_DIR);
    const version = (v: string) => versions.find((x) => x.scheme === 'es-cj-bolivia' && x.version === v)!;
    const diff = diffVersions(version('2026.3'), version('2026.4'));
    expect(diff.sectorsAdded.map((s) => s.code)).toEqual(['comercializacion']);
    expect(diff.changed.filter((c) => c.fields.includes('scope'))).toHaveLength(allCriteria(version('2026.4')).length);
    expect(diff.changed.filter((c) => c.fields.includes('sectors')).every((c) => c.to.sectors.includes('comercializacion'))).toBe(true);
    expect(diff.policyChanged.map((p) => [p.level, p.to.followUp])).toEqual([
      ['critical', ['visit']],
      ['major', ['visit', 'commission_review']],
    ]);
  });
});
