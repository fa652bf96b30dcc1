import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  automaticRevocationProblems,
  eventAuditProblems,
  eventLeafProblems,
  issuedFieldProblems,
  recordSealContent,
  servedRecordProblems,
  statusHistoryOfEvents,
  storedRecordProblems,
  storedStatusOf,
  type EventRecord,
  type ServedEvent,
  type StoredRecord,
} from '../../src/domain/certificate-record.js';
import { applyEvent, type CertificateAct } from '../../src/domain/certificate-state.js';
import { canonicalJson } from '../../src/domain/content-hash.js';
import { leafHash } from '../../src/domain/merkle.js';

const CODE = '7K3M-9QXA-2F4P';
const identity = { code: CODE, scheme: 'es-cj-bolivia', criteriaVersion: '2025.1', criteriaHash: 'sha256:abc' };
const EVENT_OF: Record<CertificateAct, 'suspended' | 'reinstated' | 'revoked'> = {
  suspend: 'suspended',
  reinstate: 'reinstated',
  revoke: 'revoked',
};

/** The leaf the application writes for an event. */
function leafOf(event: EventRecord) {
  const entry = canonicalJson({
    certificateCode: CODE,
    event: event.event,
    at: event.at,
    reason: event.reason,
    scheme: identity.scheme,
    criteriaVersion: identity.criteriaVersion,
    criteriaHash: identity.criteriaHash,
    eventSeq: event.seq,
  });
  return { entry, leafHash: Buffer.from(leafHash(Buffer.from(entry, 'utf8'))).toString('hex') };
}

const at = (i: number) => new Date(Date.UTC(2026, 5, 10) + i * 3_600_000).toISOString();

/**
 * A history as the application writes it: issuance, then each act that is allowed at that
 * point (acts that are not are skipped), with automatic events interleaved; and the status it leaves.
 */
function historyFrom(steps: { act: CertificateAct; automaticBefore: boolean }[]) {
  const events: EventRecord[] = [{ seq: 1, event: 'issued', at: at(0), reason: null, automatic: false, logIndex: 0 }];
  let stored: StoredRecord = { status: 'active', since: at(0), reason: null };
  for (const [i, step] of steps.entries()) {
    if (step.automaticBefore) {
      const seq = events.length + 1;
      events.push({ seq, event: 'suspended', at: at(seq), reason: 'Condición vencida.', automatic: true, logIndex: seq - 1 });
    }
    const t = applyEvent(stored.status, step.act);
    if (!t.ok) continue;
    const seq = events.length + 1;
    const reason = `Acto ${i}`;
    events.push({ seq, event: EVENT_OF[step.act], at: at(seq), reason, automatic: false, logIndex: seq - 1 });
    stored = { status: t.to, since: at(seq), reason };
  }
  return { events, stored };
}

const steps = fc.array(
  fc.record({ act: fc.constantFrom<CertificateAct>('suspend', 'reinstate', 'revoke'), automaticBefore: fc.boolean() }),
  { maxLength: 12 },
);

const served = (events: EventRecord[]): ServedEvent[] =>
  events.map((e) => ({
    ...e,
    ...leafOf(e),
    audited: true,
    // Of time's events only the system's revocation sets a status.
    auditedStatus:
      (e.automatic && e.event !== 'revoked') || e.event === 'issued'
        ? null
        : { suspended: 'suspended', reinstated: 'active', revoked: 'revoked' }[e.event]!,
  }));

describe('the stored status derived from a history', () => {
  it('is the status the acts leave, whatever time did in between', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const { events, stored } = historyFrom(s);
        expect(storedStatusOf(statusHistoryOfEvents(events))).toEqual(stored);
        expect(storedRecordProblems(CODE, stored, storedStatusOf(statusHistoryOfEvents(events)))).toEqual([]);
      }),
    );
  });

  it('disagrees, naming the certificate, with any other status, date or reason', () => {
    fc.assert(
      fc.property(
        steps,
        fc.constantFrom('status', 'since', 'reason'),
        fc.constantFrom('active', 'suspended', 'revoked'),
        (s, field, other) => {
          const { events, stored } = historyFrom(s);
          const forged = { ...stored, [field]: field === 'status' ? other : 'falso' };
          fc.pre(forged[field] !== stored[field]);
          const problems = storedRecordProblems(CODE, forged, storedStatusOf(statusHistoryOfEvents(events)));
          expect(problems).toHaveLength(1);
          expect(problems[0]).toContain(`Certificado ${CODE}:`);
        },
      ),
    );
  });

  it('is missing without any act', () => {
    expect(storedStatusOf([])).toBeUndefined();
    expect(storedRecordProblems(CODE, { status: 'active', since: at(0), reason: null }, undefined)[0]).toContain(CODE);
  });
});

describe('an event against its leaf and its audit entry', () => {
  const event: EventRecord = { seq: 4, event: 'suspended', at: at(4), reason: 'Denuncia', automatic: false, logIndex: 3 };

  it('agrees with the leaf written for it, and names what differs otherwise', () => {
    expect(eventLeafProblems(identity, event, leafOf(event))).toEqual([]);
    expect(eventLeafProblems(identity, { ...event, reason: 'Otro' }, leafOf(event))).toEqual([
      `Certificado ${CODE}: el evento 4 (suspended) no coincide con su entrada 3 del registro de transparencia (motivo)`,
    ]);
    expect(eventLeafProblems({ ...identity, code: 'AAAA-BBBB-CCCC' }, event, leafOf(event))[0]).toContain('(certificado)');
    const leaf = leafOf(event);
    expect(eventLeafProblems(identity, event, { ...leaf, entry: leaf.entry.replace('Denuncia', 'Otro') })[0]).toContain(
      'no corresponde a su huella',
    );
    expect(eventLeafProblems(identity, event, undefined)[0]).toContain('que no existe');
  });

  it('agrees with its audit entry, including whether it set the status', () => {
    const full = { ...event, certificateId: 'c1', sessionId: null };
    const audited = {
      certificateId: 'c1',
      action: 'suspended',
      seq: 4,
      logIndex: 3,
      at: event.at,
      reason: 'Denuncia',
      sessionId: null,
      status: 'suspended',
    };
    expect(eventAuditProblems(CODE, full, audited)).toEqual([]);
    expect(eventAuditProblems(CODE, { ...full, automatic: true }, audited)[0]).toContain('(estado que fija)');
    expect(eventAuditProblems(CODE, { ...full, at: at(9) }, audited)[0]).toContain('(fecha)');
    expect(eventAuditProblems(CODE, full, undefined)).toEqual([
      `Certificado ${CODE}: el evento 4 (suspended) no está en el historial de cambios`,
    ]);
  });
});

describe('the fields fixed at issuance', () => {
  const issued = { code: CODE, products: ['café', 'miel'], sectors: ['agricola'], expiresOn: '2027-06-09', issuedOn: '2026-06-10' };

  it('name each field that changed, with both values', () => {
    const fields = ['code', 'products', 'sectors', 'expiresOn', 'issuedOn'] as const;
    expect(issuedFieldProblems(CODE, issued, issued, fields)).toEqual([]);
    expect(issuedFieldProblems(CODE, { ...issued, expiresOn: '2030-12-31', products: ['café'] }, issued, fields)).toEqual([
      `Certificado ${CODE}: los productos (["café"]) no es lo que se emitió (["café","miel"])`,
      `Certificado ${CODE}: la fecha de vencimiento ("2030-12-31") no es lo que se emitió ("2027-06-09")`,
    ]);
  });
});

describe('the check before serving a status', () => {
  const issued = {
    ...identity,
    sealLevel: 'pleno',
    products: ['café'],
    sectors: ['agricola'],
    issuedOn: '2026-06-10',
    expiresOn: '2027-06-09',
  };

  it('passes every genuine history and fails the same history with the row forged', () => {
    fc.assert(
      fc.property(steps, fc.constantFrom('active', 'suspended', 'revoked'), (s, other) => {
        const { events, stored } = historyFrom(s);
        expect(servedRecordProblems({ ...issued, ...stored }, served(events), issued)).toEqual([]);
        fc.pre(other !== stored.status);
        const problems = servedRecordProblems({ ...issued, ...stored, status: other }, served(events), issued);
        expect(problems.length).toBeGreaterThan(0);
        expect(problems.every((p) => p.startsWith(`Certificado ${CODE}:`))).toBe(true);
      }),
    );
  });

  it('fails when an automatic event is passed off as an act, or the end date moved', () => {
    const { events } = historyFrom([{ act: 'reinstate', automaticBefore: true }]);
    const flipped = served(events).map((e) => (e.automatic ? { ...e, automatic: false } : e));
    const suspended = events.find((e) => e.automatic)!;
    const row = { ...issued, status: 'suspended' as const, since: suspended.at, reason: suspended.reason };
    expect(servedRecordProblems(row, flipped, issued)[0]).toContain('no fija el estado que registró el historial de cambios');
    const moved = { ...issued, status: 'active' as const, since: at(0), reason: null, expiresOn: '2030-12-31' };
    expect(servedRecordProblems(moved, served(events), issued)[0]).toContain('la fecha de vencimiento');
    expect(servedRecordProblems(moved, served(events), undefined)[0]).toContain('no está su emisión');
  });
});

describe('what a record seal covers', () => {
  const row = {
    ...identity,
    sealLevel: 'pleno',
    products: ['café'],
    sectors: ['agro'],
    issuedOn: '2026-01-10',
    expiresOn: '2028-01-09',
    status: 'active' as const,
    since: '2026-01-10T15:00:00.000Z',
    reason: null,
  };
  const events: EventRecord[] = [
    { seq: 3, event: 'issued', at: '2026-01-10T15:00:00.000Z', reason: null, automatic: false, logIndex: 0 },
    { seq: 9, event: 'suspended', at: '2026-03-01T12:00:00.000Z', reason: 'Denuncia', automatic: false, logIndex: 4 },
  ];
  const base = recordSealContent(row, events);

  it('changes with any field of the row that verification checks, and with any field of any event', () => {
    const rowChanges = {
      code: 'XXXX-XXXX-XXXX',
      scheme: 'otro',
      criteriaVersion: '2026.1',
      criteriaHash: 'sha256:def',
      sealLevel: 'transicion',
      products: ['miel'],
      sectors: [],
      issuedOn: '2026-01-11',
      expiresOn: '2030-01-09',
      status: 'suspended' as const,
      since: '2026-03-01T12:00:00.000Z',
      reason: 'falso',
    };
    for (const [field, value] of Object.entries(rowChanges)) {
      expect(recordSealContent({ ...row, [field]: value }, events), field).not.toBe(base);
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1 }),
        fc.constantFrom('seq', 'event', 'at', 'reason', 'automatic', 'logIndex'),
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
        (i, field, value) => {
          fc.pre(events[i]![field] !== value);
          const changed = events.map((e, j) => (j === i ? { ...e, [field]: value } : e));
          expect(recordSealContent(row, changed)).not.toBe(base);
        },
      ),
    );
    expect(recordSealContent(row, events.slice(1)), 'an event removed').not.toBe(base);
  });

  it('does not depend on the order the events are read in, nor on fields it does not cover', () => {
    expect(recordSealContent(row, [...events].reverse())).toBe(base);
    expect(recordSealContent({ ...row, orgName: 'Otra' } as typeof row, events)).toBe(base);
  });
});

describe('a revocation by the system', () => {
  const issued = {
    ...identity,
    sealLevel: 'pleno',
    products: ['café'],
    sectors: ['agricola'],
    issuedOn: '2026-03-01',
    expiresOn: '2027-02-28',
  };
  const limit = { months: 6, criteriaVersion: '2025.1' };
  const REASON =
    'Revocado por el sistema: la suspensión del 3 de marzo de 2026 superó el máximo de 6 meses sin rehabilitación (criterios 2025.1).';
  const event = (seq: number, name: string, when: string, reason: string | null, automatic: boolean): EventRecord => ({
    seq,
    event: name,
    at: when,
    reason,
    automatic,
    logIndex: seq - 1,
  });
  const issuance = event(1, 'issued', '2026-03-01T15:00:00.000Z', null, false);
  const suspension = event(2, 'suspended', '2026-03-03T15:00:00.000Z', 'Denuncia en investigación', false);
  const revocation = event(3, 'revoked', '2026-09-03T04:00:00.000Z', REASON, true);
  const row = (last: EventRecord) => ({ ...issued, status: 'revoked' as const, since: last.at, reason: last.reason });

  it('after a recorded suspension, at the end of its maximum, sets the stored status and passes every check', () => {
    const events = [issuance, suspension, revocation];
    expect(automaticRevocationProblems(CODE, events, { expiresOn: issued.expiresOn, suspensionLimit: limit })).toEqual([]);
    expect(servedRecordProblems(row(revocation), served(events), issued, limit)).toEqual([]);
    expect(storedStatusOf(statusHistoryOfEvents(events))).toEqual({ status: 'revoked', since: revocation.at, reason: REASON });
  });

  it('is refused when it does not end a suspension recorded by an act and not reinstated', () => {
    const timing = { expiresOn: issued.expiresOn, suspensionLimit: limit };
    // An automatic suspension (an overdue condition) relabelled as the system's revocation.
    const automaticSuspension = { ...suspension, automatic: true };
    const relabelled = [issuance, automaticSuspension, revocation];
    expect(automaticRevocationProblems(CODE, relabelled, timing)).toEqual([
      `Certificado ${CODE}: el evento 3 (revoked) es una revocación del sistema que no sigue a una suspensión registrada y no rehabilitada`,
    ]);
    expect(servedRecordProblems(row(revocation), served(relabelled), issued, limit)).toContain(
      `Certificado ${CODE}: el evento 3 (revoked) es una revocación del sistema que no sigue a una suspensión registrada y no rehabilitada`,
    );
    const reinstated = [
      issuance,
      suspension,
      event(3, 'reinstated', '2026-04-01T15:00:00.000Z', 'Rehabilitado', false),
      { ...revocation, seq: 4 },
    ];
    expect(automaticRevocationProblems(CODE, reinstated, timing)).toHaveLength(1);
    // Without the criteria at hand, the order is still checked.
    expect(automaticRevocationProblems(CODE, [issuance, { ...revocation, seq: 2 }], null)).toHaveLength(1);
    // A revocation by the commission passed off as the system's.
    const act = event(2, 'revoked', '2026-04-01T15:00:00.000Z', 'Se comprobó trabajo forzoso', false);
    expect(automaticRevocationProblems(CODE, [issuance, act], timing)).toEqual([]);
    expect(automaticRevocationProblems(CODE, [issuance, { ...act, automatic: true }], timing)).toHaveLength(1);
  });

  it('is refused at any other instant, with another reason, after the expiry, or when something follows it', () => {
    const timing = { expiresOn: issued.expiresOn, suspensionLimit: limit };
    const early = { ...revocation, at: '2026-09-02T04:00:00.000Z' };
    expect(automaticRevocationProblems(CODE, [issuance, suspension, early], timing)).toEqual([
      `Certificado ${CODE}: el evento 3 (revoked) es una revocación del sistema que no corresponde al máximo de suspensión de sus criterios`,
    ]);
    expect(automaticRevocationProblems(CODE, [issuance, suspension, { ...revocation, reason: 'Otro' }], timing)).toHaveLength(1);
    expect(automaticRevocationProblems(CODE, [issuance, suspension, revocation], { ...timing, expiresOn: '2026-09-01' })).toHaveLength(1);
    // The timing needs the limit; without it only the order is checked.
    expect(automaticRevocationProblems(CODE, [issuance, suspension, early], null)).toEqual([]);
    const after = event(4, 'reinstated', '2026-10-01T15:00:00.000Z', 'Rehabilitado', false);
    expect(automaticRevocationProblems(CODE, [issuance, suspension, revocation, after], timing)).toEqual([
      `Certificado ${CODE}: el evento 4 (reinstated) sigue a la revocación del sistema (evento 3), que es definitiva`,
    ]);
  });
});
