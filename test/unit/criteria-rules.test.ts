import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CriteriaFileSchema } from '../../src/domain/criteria-schema.js';
import { allCriteria, checkSuccession, checkVersionRules, compareVersionIds, filterBySector } from '../../src/domain/criteria.js';
import { criteriaFile, criterion } from '../helpers/criteria-factory.js';

describe('CriteriaFileSchema', () => {
  it('accepts a complete file', () => {
    expect(CriteriaFileSchema.safeParse(criteriaFile()).success).toBe(true);
  });

  it('reports the path of a criterion without Spanish text', () => {
    const file = criteriaFile();
    (file.principles[0]!.criteria[1]!.text as { es?: string }).es = undefined;
    const result = CriteriaFileSchema.safeParse(file);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain('principles.0.criteria.1.text.es');
  });

  it('refuses an unknown level, a bad date and an unknown key', () => {
    const file = { ...criteriaFile({ publishedOn: '2025-02-30' }), extra: true } as Record<string, unknown>;
    (file.principles as { criteria: { level: string }[] }[])[0]!.criteria[0]!.level = 'grave';
    const paths = CriteriaFileSchema.safeParse(file).error!.issues.map((i) => i.path.join('.') || i.code);
    expect(paths).toEqual(expect.arrayContaining(['publishedOn', 'principles.0.criteria.0.level', 'unrecognized_keys']));
  });

  it('refuses a visit team whose maximum is below its minimum', () => {
    const file = criteriaFile();
    file.visitTeam = { ...file.visitTeam, minSize: 3, maxSize: 2 };
    expect(CriteriaFileSchema.safeParse(file).error!.issues[0]!.path).toEqual(['visitTeam', 'maxSize']);
  });
});

describe('checkVersionRules', () => {
  it('finds nothing wrong in a consistent file', () => {
    expect(checkVersionRules(criteriaFile())).toEqual([]);
  });

  it('names duplicate codes, unknown sectors and codes outside their principle', () => {
    const file = criteriaFile();
    file.principles[1]!.criteria.push(criterion('P1.01'), criterion('P2.02', { sectors: ['pesca'] }));
    const issues = checkVersionRules(file);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'principles.1.criteria.1.code', message: expect.stringContaining('duplicado: P1.01') },
        { path: 'principles.1.criteria.1.code', message: expect.stringContaining('(P2.)') },
        { path: 'principles.1.criteria.2.sectors.0', message: expect.stringContaining('Sector desconocido: pesca') },
      ]),
    );
  });

  it('requires date and act on a published version', () => {
    const paths = checkVersionRules(criteriaFile({ status: 'published' })).map((i) => i.path);
    expect(paths).toEqual(['publishedOn', 'approvedBy']);
  });

  it('refuses a criterion both retired and still present (changed)', () => {
    const file = criteriaFile({ retired: [{ code: 'P1.02', reason: { es: 'obsoleto' } }] });
    expect(checkVersionRules(file)).toEqual([{ path: 'retired.0.code', message: expect.stringContaining('retirado y a la vez') }]);
  });
});

describe('the scope of criteria (whom each one is about)', () => {
  const scoped = (scopes: ('organization' | 'unit' | undefined)[]) => {
    const file = criteriaFile();
    allCriteria(file).forEach((_, i) => {
      const scope = scopes[i];
      const located = file.principles.flatMap((p) => p.criteria)[i]!;
      if (scope === undefined) delete located.scope;
      else located.scope = scope;
    });
    return file;
  };

  it('accepts a version where every criterion carries its scope, or none does', () => {
    expect(checkVersionRules(scoped(['organization', 'unit', 'unit']))).toEqual([]);
    expect(checkVersionRules(scoped([undefined, undefined, undefined]))).toEqual([]);
  });

  it('refuses a version where only some criteria carry their scope, at «principles»', () => {
    expect(checkVersionRules(scoped(['organization', undefined, 'unit']))).toEqual([
      { path: 'principles', message: expect.stringContaining('«scope»') },
    ]);
    expect(checkVersionRules(scoped([undefined, 'unit', undefined]))).toEqual([
      { path: 'principles', message: expect.stringContaining('en todos los criterios o en ninguno') },
    ]);
  });

  it('refuses an unknown scope in the schema, at the criterion', () => {
    const file = scoped(['organization', 'unit', 'unit']) as unknown as { principles: { criteria: { scope: string }[] }[] };
    file.principles[0]!.criteria[1]!.scope = 'familia';
    const issues = CriteriaFileSchema.safeParse(file).error!.issues;
    expect(issues.map((i) => i.path.join('.'))).toEqual(['principles.0.criteria.1.scope']);
  });

  it('finds the rule whatever the mix, on random files', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('organization' as const, 'unit' as const, undefined), { minLength: 3, maxLength: 3 }),
        (scopes) => {
          const set = scopes.filter((s) => s !== undefined).length;
          const mixed = set > 0 && set < scopes.length;
          expect(checkVersionRules(scoped(scopes)).some((i) => i.path === 'principles')).toBe(mixed);
        },
      ),
    );
  });
});

describe('followUp: how a non-conformity of a level is verified before it is closed', () => {
  const withFollowUp = (followUp: unknown) => {
    const file = criteriaFile();
    return { ...file, decisionPolicy: { ...file.decisionPolicy, major: { ...file.decisionPolicy.major, followUp } } };
  };
  const problems = (followUp: unknown) =>
    (CriteriaFileSchema.safeParse(withFollowUp(followUp)).error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));

  it('accepts a visit, the commission’s review, both, or no rule at all', () => {
    for (const followUp of [['visit'], ['commission_review'], ['visit', 'commission_review'], undefined]) {
      expect(problems(followUp)).toEqual([]);
    }
  });

  it('refuses an empty list, saying to give at least one means', () => {
    expect(problems([])).toEqual([{ path: 'decisionPolicy.major.followUp', message: expect.stringContaining('al menos una forma') }]);
  });

  it('refuses the same means twice', () => {
    expect(problems(['visit', 'visit'])).toEqual([{ path: 'decisionPolicy.major.followUp', message: 'Forma de verificación repetida' }]);
  });

  it('refuses an unknown means, at its position', () => {
    expect(problems(['visit', 'llamada'])).toEqual([{ path: 'decisionPolicy.major.followUp.1', message: expect.any(String) }]);
  });
});

describe('checkSuccession', () => {
  const previous = criteriaFile();

  it('accepts a version that keeps or retires every earlier criterion', () => {
    const next = criteriaFile({
      version: '2026.1',
      previousVersion: '2025.1',
      retired: [{ code: 'P2.01', reason: { es: 'ya no aplica' } }],
    });
    next.principles = [previous.principles[0]!];
    expect(checkSuccession(previous, next)).toEqual([]);
  });

  it('refuses a criterion that disappears silently', () => {
    const next = criteriaFile({ version: '2026.1', previousVersion: '2025.1' });
    next.principles = [previous.principles[0]!];
    expect(checkSuccession(previous, next)).toEqual([{ path: 'retired', message: expect.stringContaining('P2.01') }]);
  });

  it('refuses retiring an unknown code and reusing a retired one', () => {
    const next = criteriaFile({ version: '2026.1', retired: [{ code: 'P9.01', reason: { es: 'x' } }] });
    const issues = checkSuccession(previous, next, new Set(['P1.02']));
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringContaining('No se puede retirar P9.01'),
      expect.stringContaining('P1.02 fue retirado'),
    ]);
  });
});

describe('compareVersionIds', () => {
  const versionId = fc.tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 99 }));

  it('orders by year, then by number, numerically', () => {
    fc.assert(
      fc.property(versionId, versionId, ([ay, an], [by, bn]) => {
        const sign = Math.sign(compareVersionIds(`${ay}.${an}`, `${by}.${bn}`));
        expect(sign).toBe(Math.sign(ay - by || an - bn));
        expect(Math.sign(compareVersionIds(`${by}.${bn}`, `${ay}.${an}`))).toBe(-sign || 0);
      }),
    );
    expect(compareVersionIds('2025.10', '2025.9')).toBeGreaterThan(0);
  });
});

describe('filterBySector', () => {
  it('keeps only applicable criteria and drops empty principles', () => {
    const filtered = filterBySector(criteriaFile(), 'artesania');
    expect(allCriteria(filtered).map((c) => c.code)).toEqual(['P1.02', 'P2.01']);
    expect(filterBySector(criteriaFile(), 'agricola').principles.map((p) => p.code)).toEqual(['P1']);
  });

  it('never returns a criterion outside the sector, and loses none inside it', () => {
    const file = criteriaFile();
    fc.assert(
      fc.property(fc.constantFrom('agricola', 'artesania', 'pecuario'), (sector) => {
        const kept = allCriteria(filterBySector(file, sector));
        expect(kept.every((c) => c.sectors.includes(sector))).toBe(true);
        expect(kept.length).toBe(allCriteria(file).filter((c) => c.sectors.includes(sector)).length);
      }),
    );
  });
});
