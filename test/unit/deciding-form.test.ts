/** Reading the deciding form into a decision, and the service's refusals back beside each member. */
import { describe, expect, it } from 'vitest';
import { decisionWords, votersWithoutRecusals } from '../../src/web/app/commission-session-words.js';
import { formIssues, readDecision, readRecusals, recusalValues } from '../../src/web/app/deciding-form.js';

const ANA = '11111111-1111-4111-8111-111111111111';
const LUIS = '22222222-2222-4222-8222-222222222222';
const EVA = '33333333-3333-4333-8333-333333333333';
const DOSSIER = '44444444-4444-4444-8444-444444444444';

describe('readDecision', () => {
  it('takes one vote per voter, with its reason when given, and names whoever has none', () => {
    const values = {
      [`voto-${ANA}`]: 'for',
      [`motivo-voto-${ANA}`]: '  ',
      [`voto-${LUIS}`]: 'against',
      [`motivo-voto-${LUIS}`]: ' Falta la hoja de costos ',
      [`voto-${EVA}`]: 'quizás',
      proposedOutcome: 'denied',
      rationale: ' Fundamento de la comisión ',
    };
    const { input, missing } = readDecision(
      values,
      DOSSIER,
      [
        { userId: ANA, name: 'Ana' },
        { userId: LUIS, name: 'Luis' },
        { userId: EVA, name: 'Eva' },
      ],
      [],
    );
    expect(input).toEqual({
      dossierId: DOSSIER,
      proposedOutcome: 'denied',
      rationale: 'Fundamento de la comisión',
      votes: [
        { userId: ANA, vote: 'for' },
        { userId: LUIS, vote: 'against', rationale: 'Falta la hoja de costos' },
      ],
      recusals: [],
    });
    expect(missing).toEqual([{ path: `body.voto-${EVA}`, message: 'Falta el voto de Eva: a favor, en contra o abstención' }]);
  });

  it('asks for the proposal when none is chosen', () => {
    const { missing } = readDecision({}, DOSSIER, [], []);
    expect(missing.map((m) => m.path)).toEqual(['body.proposedOutcome']);
  });
});

describe('voluntary recusals', () => {
  it('are read for present members only, in their order, and carried as fields', () => {
    const values = {
      [`excusa-${LUIS}`]: 'si',
      [`motivo-excusa-${LUIS}`]: ' Compra café a esta familia ',
      [`excusa-${EVA}`]: 'si',
      sesion: DOSSIER,
    };
    expect(readRecusals(values, [ANA, LUIS])).toEqual([{ userId: LUIS, reason: 'Compra café a esta familia' }]);
    expect(recusalValues(values).map(([key]) => key)).toEqual([`excusa-${LUIS}`, `motivo-excusa-${LUIS}`, `excusa-${EVA}`]);
  });
});

describe('formIssues', () => {
  it('puts a vote’s and a recusal’s issues beside their member, and keeps ids out of the text', () => {
    const issues = formIssues(
      [
        { path: 'body.votes.1.rationale', message: 'Un voto en contra lleva su fundamento' },
        { path: 'body.votes.0.userId', message: 'No corresponde que Ana vote', code: 'RECUSED_MEMBER_VOTED' },
        { path: 'body.recusals.0.reason', message: 'Indique el motivo de la excusa' },
        { path: 'body.proposedOutcome', message: `No se puede aprobar (${DOSSIER})` },
        { path: 'body.sealLevel', message: 'Uno de: transicion, pleno' },
      ],
      [{ userId: ANA }, { userId: LUIS }],
      [{ userId: EVA }],
    );
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [`body.motivo-voto-${LUIS}`, 'Un voto en contra lleva su fundamento'],
      [`body.voto-${ANA}`, 'No corresponde que Ana vote'],
      [`body.motivo-excusa-${EVA}`, 'Indique el motivo de la excusa'],
      ['body.proposedOutcome', 'No se puede aprobar'],
      ['body.sealLevel', 'Al aprobar, elija el nivel del sello'],
    ]);
  });
});

describe('session words', () => {
  it('counts who votes when nobody steps aside: titulares, then suplentes in the empty seats', () => {
    const t = { seat: 'titular' as const };
    const s = { seat: 'suplente' as const };
    expect(votersWithoutRecusals([t, t, s, s], 3)).toBe(3);
    expect(votersWithoutRecusals([t, t, t, s], 3)).toBe(3);
    expect(votersWithoutRecusals([t, s], 3)).toBe(2);
    expect(votersWithoutRecusals([s, s], null)).toBe(2);
  });

  it('says what was decided, and why a dossier was deferred', () => {
    const tally = { for: 1, against: 2, abstain: 1 };
    expect(decisionWords({ outcome: 'approved', proposedOutcome: 'approved', deferredForQuorum: false, tally })).toBe(
      'Aprobado (1 a favor, 2 en contra y 1 abstención)',
    );
    expect(decisionWords({ outcome: 'deferred', proposedOutcome: 'denied', deferredForQuorum: false, tally })).toBe(
      'Diferido: la propuesta de «denegado» no obtuvo mayoría (1 a favor, 2 en contra y 1 abstención)',
    );
    expect(decisionWords({ outcome: 'deferred', proposedOutcome: 'deferred', deferredForQuorum: true, tally })).toBe(
      'Diferido por falta de quórum, sin votación',
    );
  });
});
