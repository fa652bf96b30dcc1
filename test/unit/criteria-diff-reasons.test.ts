import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../src/domain/criteria-diff.js';
import { CriteriaCatalog } from '../../src/modules/criteria/criteria-catalog.js';
import type { CriteriaVersion } from '../../src/domain/criteria.js';
import { criteriaFile, criterion } from '../helpers/criteria-factory.js';

const v1 = criteriaFile({ version: '2025.1' });
const v2 = criteriaFile({
  version: '2025.2',
  previousVersion: '2025.1',
  principles: v1.principles.map((p) => ({
    ...p,
    criteria: p.criteria.map((c) => (c.code === 'P1.01' ? criterion('P1.01', { level: 'major' }) : c)),
  })),
  changes: [{ about: 'P1.01', reason: { es: 'Baja a mayor' } }],
});
const v3 = criteriaFile({
  ...v2,
  version: '2025.3',
  previousVersion: '2025.2',
  certificateValidityMonths: 24,
  principles: v2.principles.map((p) => ({
    ...p,
    criteria: p.criteria.map((c) => (c.code === 'P1.01' ? { ...c, text: { es: 'Texto nuevo' } } : c)),
  })),
  changes: [
    { about: 'P1.01', reason: { es: 'Se aclara el texto' } },
    { about: 'certificateValidityMonths', reason: { es: 'Dos años' } },
  ],
});
const asVersion = (f: typeof v1): CriteriaVersion => ({ ...f, contentHash: 'sha256:00', sourceFile: `${f.version}.yaml` });

describe('the reasons of a diff', () => {
  it('of one step are those of the newer version, for criteria and settings', () => {
    const diff = diffVersions(v2, v3);
    expect(diff.changed.find((c) => c.code === 'P1.01')?.reasons).toEqual([{ version: '2025.3', reason: { es: 'Se aclara el texto' } }]);
    expect(diff.settingReasons).toEqual([
      { setting: 'certificateValidityMonths', reasons: [{ version: '2025.3', reason: { es: 'Dos años' } }] },
    ]);
  });

  it('over several versions are those of every version on the way, oldest first', () => {
    const catalog = new CriteriaCatalog([v3, v1, v2].map(asVersion));
    const diff = catalog.diff('prueba', '2025.1', '2025.3');
    expect(diff.changed.find((c) => c.code === 'P1.01')?.reasons.map((r) => [r.version, r.reason.es])).toEqual([
      ['2025.2', 'Baja a mayor'],
      ['2025.3', 'Se aclara el texto'],
    ]);
    // Backwards, no version speaks for the change.
    expect(catalog.diff('prueba', '2025.3', '2025.1').changed.every((c) => c.reasons.length === 0)).toBe(true);
  });
});
