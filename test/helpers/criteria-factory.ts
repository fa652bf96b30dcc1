/** Small, valid criteria files built in code, for rules tests that need no folder. */
import type { CriteriaFile, Criterion } from '../../src/domain/criteria-schema.js';

const policy = (es: string) => ({ noCumple: 'improvement_goal' as const, parcial: 'none' as const, description: { es } });

export function criterion(code: string, overrides: Partial<Criterion> = {}): Criterion {
  return {
    code,
    text: { es: `Texto del criterio ${code}` },
    level: 'minor',
    sectors: ['agricola'],
    verification: { es: 'Se pregunta a la familia productora' },
    evidence: [{ es: 'Cuaderno de campo' }],
    ...overrides,
  };
}

export function criteriaFile(overrides: Partial<CriteriaFile> = {}): CriteriaFile {
  return {
    scheme: 'prueba',
    version: '2025.1',
    status: 'draft',
    name: { es: 'Esquema de prueba' },
    issuingBody: 'Comisión de prueba',
    sectors: [
      { code: 'agricola', name: { es: 'Agrícola' } },
      { code: 'artesania', name: { es: 'Artesanía' } },
    ],
    sealLevels: [{ code: 'pleno', name: { es: 'Pleno' }, description: { es: 'Cumple todo' } }],
    certificateValidityMonths: 12,
    decisionPolicy: {
      critical: { noCumple: 'blocks_approval', parcial: 'blocks_approval', description: { es: 'Impide aprobar' } },
      major: {
        noCumple: 'requires_conditions',
        parcial: 'requires_conditions',
        correctiveActionMaxDays: 90,
        description: { es: 'Con condiciones' },
      },
      minor: policy('Meta de mejora'),
      progressive: policy('Progresivo'),
    },
    visitTeam: {
      minSize: 2,
      maxSize: 4,
      minProducersFromOtherUnits: 1,
      requiresConsumerOrTechnician: false,
      maxConsecutiveCyclesSameReviewer: 2,
    },
    conflictOfInterest: { reciprocalVisitWindowCycles: 1, formerTiesWindowYears: 2 },
    commission: { quorum: 3, maxSuspensionMonths: 6 },
    principles: [
      {
        code: 'P1',
        title: { es: 'Precio justo' },
        description: { es: 'Precios que cubren costos' },
        criteria: [criterion('P1.01', { level: 'critical' }), criterion('P1.02', { sectors: ['agricola', 'artesania'] })],
      },
      {
        code: 'P2',
        title: { es: 'Democracia' },
        description: { es: 'Decisiones en asamblea' },
        criteria: [criterion('P2.01', { level: 'major', sectors: ['artesania'] })],
      },
    ],
    retired: [],
    ...overrides,
  };
}
