import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../src/domain/criteria-diff.js';
import type { CriteriaVersion } from '../../src/domain/criteria.js';
import { renderCriteriaChangesPage } from '../../src/web/app/admin-criteria-pages.js';
import { criteriaFile, criterion } from '../helpers/criteria-factory.js';
import { visibleText } from '../helpers/pages.js';

const versionOf = (file: ReturnType<typeof criteriaFile>): CriteriaVersion => ({ ...file, contentHash: 'sha256:00', sourceFile: 'x.yaml' });
const admin = { name: 'Marta Villca', role: 'admin' as const, organization: null };

describe('the criteria differences page', () => {
  it('says every kind of change in words: verification, evidence, phase-in year and principle too', () => {
    const from = versionOf(criteriaFile());
    const to = versionOf(
      criteriaFile({
        version: '2026.1',
        previousVersion: '2025.1',
        commission: { quorum: 4, maxSuspensionMonths: 6 },
        retired: [{ code: 'P2.01', reason: { es: 'Ya no aplica' } }],
        principles: [
          {
            code: 'P1',
            title: { es: 'Precio justo' },
            description: { es: 'Precios que cubren costos' },
            criteria: [
              criterion('P1.01', { level: 'critical', verification: { es: 'Se revisan las boletas' }, requiredFrom: 2027 }),
              criterion('P1.02', { sectors: ['agricola', 'artesania'], evidence: [{ es: 'Actas' }, { es: 'Recibos' }] }),
            ],
          },
          {
            code: 'P3',
            title: { es: 'Ambiente' },
            description: { es: 'Cuidado del suelo' },
            criteria: [criterion('P3.01', { text: { es: 'Cuida el suelo' } })],
          },
        ],
      }),
    );
    const diff = diffVersions(from, to);
    const text = visibleText(renderCriteriaChangesPage({ version: to, previous: from, diff }, admin));
    expect(text).toContain('1 criterio nuevo, 2 modificados, 1 retirado y 0 sin cambios.');
    expect(text).toContain(
      'P1.01 · crítico Cambió: cómo se verifica, año desde el que se exige. Cómo se verifica, ahora: Se revisan las boletas Año desde el que se exige: desde el inicio → 2027',
    );
    expect(text).toContain('P1.02 · menor Cambió: evidencias. Evidencias, ahora: Actas; Recibos');
    expect(text).toContain('P3.01 · menor Cuida el suelo Sectores: Agrícola');
    expect(text).toContain('P2.01 · mayor Texto del criterio P2.01 Motivo: Ya no aplica');
    expect(text).toContain('Reglas del esquema que cambiaron Quórum de la comisión y plazo máximo de suspensión');
  });

  it('says when no rule of the scheme changed', () => {
    const from = versionOf(criteriaFile());
    const to = versionOf(criteriaFile({ version: '2026.1', previousVersion: '2025.1' }));
    const text = visibleText(renderCriteriaChangesPage({ version: to, previous: from, diff: diffVersions(from, to) }, admin));
    expect(text).toContain('0 criterios nuevos, 0 modificados, 0 retirados y 3 sin cambios.');
    expect(text).toContain('Criterios nuevos (0) Ninguno.');
    expect(text).toContain('Reglas del esquema que cambiaron Ninguna');
  });

  it('says whom each criterion is about and the follow-up rule, once the version carries them', () => {
    const from = versionOf(criteriaFile());
    const base = criteriaFile({ version: '2026.1', previousVersion: '2025.1' });
    const to = versionOf({
      ...base,
      decisionPolicy: { ...base.decisionPolicy, critical: { ...base.decisionPolicy.critical, followUp: ['visit'] } },
      principles: base.principles.map((p) => ({
        ...p,
        criteria: p.criteria.map((c) => ({ ...c, scope: c.code === 'P1.01' ? 'organization' : 'unit' })),
      })),
    });
    const text = visibleText(renderCriteriaChangesPage({ version: to, previous: from, diff: diffVersions(from, to) }, admin));
    expect(text).toContain(
      'En resumen A quién se refiere: sin indicar → la organización (se evalúa una vez para la organización), en 1 criterio: P1.01.',
    );
    expect(text).toContain(
      'P1.01 · crítico Cambió: a quién se refiere. A quién se refiere: sin indicar → la organización (se evalúa una vez para la organización)',
    );
    expect(text).toContain(
      'Criterios críticos: una no conformidad se cierra solo con una visita de seguimiento de un equipo independiente del comité local',
    );
    const unchanged = visibleText(renderCriteriaChangesPage({ version: from, previous: from, diff: diffVersions(from, from) }, admin));
    expect(unchanged).not.toContain('En resumen');
  });
});

describe('the differences page of the real 2027.1 draft', () => {
  it('shows the reason of each change, of each new setting, and the local proposals', async () => {
    const { loadCriteria } = await import('../../src/modules/criteria/criteria-loader.js');
    const { CriteriaCatalog } = await import('../../src/modules/criteria/criteria-catalog.js');
    const { REAL_CRITERIA_DIR } = await import('../helpers/app.js');
    const catalog = new CriteriaCatalog(loadCriteria(REAL_CRITERIA_DIR).versions);
    const [previous, version] = [catalog.version('es-cj-bolivia', '2026.4'), catalog.version('es-cj-bolivia', '2027.1')];
    const diff = catalog.diff('es-cj-bolivia', '2026.4', '2027.1');
    const text = visibleText(renderCriteriaChangesPage({ version, previous, diff }, admin));
    expect(text).toMatch(/P9\.01[\s\S]*Motivo: El tercer criterio de las redes de economía solidaria/);
    expect(text).toMatch(/P2\.05[\s\S]*Motivo: Criterio nuevo/);
    expect(text).toMatch(/Catálogo de sanciones[\s\S]*Motivo: Se agrega el catálogo de sanciones/);
    expect(text).toMatch(/Propuestas locales que decide la asamblea[\s\S]*P1\.04: Prefinanciamiento de al menos el 30 %/);
  });
});
