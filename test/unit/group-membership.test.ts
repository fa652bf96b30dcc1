import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventLeafProblems, recordSealContent, servedRecordProblems, type EventRecord } from '../../src/domain/certificate-record.js';
import type { EffectiveStatus } from '../../src/domain/certificate-state.js';
import { canonicalJson } from '../../src/domain/content-hash.js';
import { leafHash } from '../../src/domain/merkle.js';
import {
  activeMembers,
  memberAddRefusal,
  memberExclusionRefusal,
  memberRowProblems,
  membersForSeal,
  replayMembers,
  type Member,
  type ReplayedEvent,
} from '../../src/domain/group-membership.js';

const UNITS = ['u1', 'u2', 'u3', 'u4', 'u5'] as const;

type Command =
  | { kind: 'add'; producerId: string; outcome: string | null }
  | { kind: 'exclude'; producerId: string }
  | { kind: 'suspend' }
  | { kind: 'reinstate' }
  | { kind: 'revoke' }
  | { kind: 'expire' };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      producerId: fc.constantFrom(...UNITS),
      outcome: fc.constantFrom('approved', 'approved_with_conditions', 'denied', 'deferred', null),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('exclude' as const), producerId: fc.constantFrom(...UNITS) }) },
  { weight: 1, arbitrary: fc.constantFrom<Command>({ kind: 'suspend' }, { kind: 'reinstate' }, { kind: 'revoke' }, { kind: 'expire' }) },
);

/**
 * What the service does with each command: asks the domain, and when allowed writes an event and the
 * member row (as the service updates certificate_members), independently of the replay.
 */
function run(commands: Command[]) {
  let status: EffectiveStatus = 'active';
  const table = new Map<string, Member>();
  const events: ReplayedEvent[] = [];
  /** The outcome of the unit's dossier when the command that added it ran. */
  const addedWith = new Map<string, string | null>();
  let seq = 0;
  const at = () => new Date(Date.UTC(2026, 0, 1) + seq * 60_000).toISOString();
  for (const c of commands) {
    seq += 1;
    if (c.kind === 'add') {
      if (!memberAddRefusal(table, { producerId: c.producerId, dossierOutcome: c.outcome, status })) {
        events.push({ seq, event: 'member_added', at: at(), reason: null, producerId: c.producerId });
        addedWith.set(c.producerId, c.outcome);
        table.set(c.producerId, { producerId: c.producerId, status: 'active', since: at(), reason: null });
      }
    } else if (c.kind === 'exclude') {
      if (!memberExclusionRefusal(table, { producerId: c.producerId, status })) {
        events.push({ seq, event: 'member_excluded', at: at(), reason: `motivo ${seq}`, producerId: c.producerId });
        table.set(c.producerId, { producerId: c.producerId, status: 'excluded', since: at(), reason: `motivo ${seq}` });
      }
    } else if (status !== 'revoked' && status !== 'expired') {
      const next = { suspend: 'suspended', reinstate: 'active', revoke: 'revoked', expire: 'expired' } as const;
      status = next[c.kind];
      events.push({
        seq,
        event: { suspend: 'suspended', reinstate: 'reinstated', revoke: 'revoked', expire: 'expired' }[c.kind],
        at: at(),
        reason: null,
        producerId: null,
      });
    }
  }
  return { table, events, addedWith, status };
}

const approvedUnits = (outcomes: Map<string, string | null>) =>
  new Set([...outcomes].filter(([, o]) => o === 'approved' || o === 'approved_with_conditions').map(([p]) => p));

describe('group membership rules', () => {
  it('no sequence of commands leaves a member certified whose own dossier was not approved', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        const { table, addedWith } = run(commands);
        for (const m of activeMembers(table.values())) {
          expect(['approved', 'approved_with_conditions']).toContain(addedWith.get(m.producerId));
        }
      }),
    );
  });

  it('no sequence of events, however written, makes a unit without an approved dossier an active member', () => {
    const anyEvent = fc.record({
      event: fc.constantFrom('member_added', 'member_excluded', 'suspended', 'revoked', 'expired', 'issued'),
      producerId: fc.option(fc.constantFrom(...UNITS), { nil: null }),
      reason: fc.option(fc.string(), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 30 }), fc.subarray([...UNITS]), (raw, approved) => {
        const events = raw.map((e, i) => ({ ...e, seq: i + 1, at: `2026-01-01T00:${String(i).padStart(2, '0')}:00.000Z` }));
        const { members } = replayMembers('C', events, new Set(approved));
        for (const m of activeMembers(members.values())) expect(approved).toContain(m.producerId);
      }),
    );
  });

  it('exclusion is final: once excluded, a unit never becomes active again on that certificate', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        const { events, table } = run(commands);
        const excluded = new Set<string>();
        for (const e of events) {
          if (e.event === 'member_excluded') excluded.add(e.producerId!);
          if (e.event === 'member_added') expect(excluded.has(e.producerId!)).toBe(false);
        }
        for (const p of excluded) expect(table.get(p)?.status).toBe('excluded');
      }),
    );
  });

  it('the active count is the units added less those excluded, and nothing changes once revoked or expired', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        const { events, table } = run(commands);
        const added = events.filter((e) => e.event === 'member_added').length;
        const excluded = events.filter((e) => e.event === 'member_excluded').length;
        expect(activeMembers(table.values())).toHaveLength(added - excluded);
        const closedAt = events.find((e) => e.event === 'revoked' || e.event === 'expired')?.seq ?? Infinity;
        expect(events.filter((e) => e.seq > closedAt && (e.event === 'member_added' || e.event === 'member_excluded'))).toEqual([]);
      }),
    );
  });

  it('the replay of the member events equals the stored table, with no problem', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        const { events, table, addedWith } = run(commands);
        const replay = replayMembers('C', events, approvedUnits(addedWith));
        expect(replay.problems).toEqual([]);
        expect(membersForSeal([...replay.members.values()])).toEqual(membersForSeal([...table.values()]));
        expect(memberRowProblems('C', [...table.values()], replay.members)).toEqual([]);
      }),
    );
  });

  it('an excluded member stored as active again, or a member row no event wrote, is found', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 40 }), (commands) => {
        const { events, table } = run(commands);
        const replay = replayMembers('C', events);
        for (const m of table.values()) {
          if (m.status !== 'excluded') continue;
          const tampered = [...table.values()].map((r) => (r === m ? { ...r, status: 'active' as const, reason: null } : r));
          expect(memberRowProblems('C', tampered, replay.members).join('\n')).toContain(`el socio ${m.producerId}`);
        }
        const extra = [...table.values(), { producerId: 'intruso', status: 'active' as const, since: 'x', reason: null }];
        expect(memberRowProblems('C', extra, replay.members)).toEqual([
          'Certificado C: el socio intruso figura entre los socios, pero ningún evento lo incorporó',
        ]);
      }),
    );
  });
});

describe('member refusals', () => {
  const none = new Map<string, Member>();
  const one = new Map<string, Member>([['u1', { producerId: 'u1', status: 'active', since: 't', reason: null }]]);
  const gone = new Map<string, Member>([['u1', { producerId: 'u1', status: 'excluded', since: 't', reason: 'r' }]]);

  it('says why a unit is not added', () => {
    expect(memberAddRefusal(none, { producerId: 'u1', dossierOutcome: 'approved', status: 'active' })).toBeNull();
    expect(memberAddRefusal(none, { producerId: 'u1', dossierOutcome: 'approved_with_conditions', status: 'suspended' })).toBeNull();
    expect(memberAddRefusal(none, { producerId: 'u1', dossierOutcome: 'denied', status: 'active' })?.code).toBe('MEMBER_NOT_APPROVED');
    expect(memberAddRefusal(one, { producerId: 'u1', dossierOutcome: 'approved', status: 'active' })?.code).toBe('MEMBER_ALREADY_ADDED');
    expect(memberAddRefusal(gone, { producerId: 'u1', dossierOutcome: 'approved', status: 'active' })?.code).toBe(
      'MEMBER_ALREADY_EXCLUDED',
    );
    expect(memberAddRefusal(none, { producerId: 'u1', dossierOutcome: 'approved', status: 'revoked' })?.code).toBe('CERTIFICATE_STATE');
    expect(
      memberAddRefusal(none, { producerId: 'u1', dossierOutcome: 'approved', status: 'expired', expiresOn: '2027-01-14' })?.message,
    ).toContain('14 de enero de 2027');
  });

  it('says why a member is not excluded', () => {
    expect(memberExclusionRefusal(one, { producerId: 'u1', status: 'suspended' })).toBeNull();
    expect(memberExclusionRefusal(none, { producerId: 'u1', status: 'active' })?.code).toBe('MEMBER_NOT_FOUND');
    expect(memberExclusionRefusal(gone, { producerId: 'u1', status: 'active' })?.code).toBe('MEMBER_ALREADY_EXCLUDED');
    expect(memberExclusionRefusal(one, { producerId: 'u1', status: 'expired' })?.code).toBe('CERTIFICATE_EXPIRED');
  });

  it('the replay names events that break the rules', () => {
    const e = (seq: number, event: string, producerId: string | null): ReplayedEvent => ({
      seq,
      event,
      at: `t${seq}`,
      reason: null,
      producerId,
    });
    const { problems, members } = replayMembers('C', [
      e(1, 'issued', null),
      e(2, 'member_added', 'u1'),
      e(3, 'member_added', 'u1'),
      e(4, 'member_excluded', 'u2'),
      e(5, 'member_excluded', 'u1'),
      e(6, 'member_excluded', 'u1'),
      e(7, 'revoked', null),
      e(8, 'member_added', 'u3'),
      e(9, 'member_added', null),
    ]);
    expect(problems).toEqual([
      'Certificado C: el evento 3 (member_added) incorpora a un socio que ya se había incorporado',
      'Certificado C: el evento 4 (member_excluded) excluye a una unidad que no era socia',
      'Certificado C: el evento 6 (member_excluded) excluye a un socio ya excluido',
      'Certificado C: el evento 8 (member_added) cambia los socios de un certificado ya revocado',
      'Certificado C: el evento 9 (member_added) no dice de qué socio trata',
    ]);
    expect(members.get('u1')?.status).toBe('excluded');
  });
});

describe('the records of a group certificate', () => {
  const identity = { code: 'GRUP-0000-0001', scheme: 'es-cj-bolivia', criteriaVersion: '2026.4', criteriaHash: 'sha256:abc' };
  const row = { ...identity, sealLevel: 'pleno', status: 'active' as const, since: 't0', reason: null };
  const events: EventRecord[] = [
    { seq: 1, event: 'issued', at: 't0', reason: null, automatic: false, logIndex: 0, producerId: null },
    { seq: 2, event: 'member_added', at: 't0', reason: null, automatic: false, logIndex: 1, producerId: 'u1' },
    { seq: 3, event: 'member_added', at: 't0', reason: null, automatic: false, logIndex: 2, producerId: 'u2' },
    { seq: 4, event: 'member_excluded', at: 't1', reason: 'Vendió producto ajeno', automatic: false, logIndex: 3, producerId: 'u2' },
  ];
  const members: Member[] = [
    { producerId: 'u2', status: 'excluded', since: 't1', reason: 'Vendió producto ajeno' },
    { producerId: 'u1', status: 'active', since: 't0', reason: null },
  ];
  const leafOf = (e: EventRecord, member = e.producerId ?? undefined) => {
    const entry = canonicalJson({
      certificateCode: identity.code,
      event: e.event,
      at: e.at,
      reason: e.reason,
      scheme: identity.scheme,
      criteriaVersion: identity.criteriaVersion,
      criteriaHash: identity.criteriaHash,
      eventSeq: e.seq,
      ...(member ? { member } : {}),
    });
    return { entry, leafHash: Buffer.from(leafHash(Buffer.from(entry, 'utf8'))).toString('hex') };
  };

  it('a seal covers the member rows, in any order, and a unit certificate’s content is as before', () => {
    const base = recordSealContent(row, events, members);
    expect(recordSealContent(row, events, [...members].reverse())).toBe(base);
    const reactivated = members.map((m) => (m.producerId === 'u2' ? { ...m, status: 'active' as const, reason: null } : m));
    expect(recordSealContent(row, events, reactivated)).not.toBe(base);
    expect(recordSealContent(row, events, members.slice(1))).not.toBe(base);
    const unitEvents = events.slice(0, 1).map(({ producerId: _p, ...e }) => e);
    expect(recordSealContent(row, unitEvents, [])).toBe(recordSealContent(row, unitEvents));
    expect(JSON.parse(recordSealContent(row, unitEvents))).not.toHaveProperty('members');
  });

  it('a member event must name in its leaf the member it is about', () => {
    const added = events[1]!;
    expect(eventLeafProblems(identity, added, leafOf(added))).toEqual([]);
    expect(eventLeafProblems(identity, added, leafOf(added, 'u9'))[0]).toContain('(socio)');
    expect(eventLeafProblems(identity, events[0]!, leafOf(events[0]!, 'u1'))[0]).toContain('(socio)');
  });

  it('the served check replays the member events against the rows', () => {
    const served = events.map((e) => ({ ...e, ...leafOf(e), audited: true, auditedStatus: null }));
    const issued = {
      code: identity.code,
      scheme: identity.scheme,
      criteriaVersion: identity.criteriaVersion,
      criteriaHash: identity.criteriaHash,
      sealLevel: 'pleno',
    };
    expect(servedRecordProblems(row, served, issued, null, members)).toEqual([]);
    const reactivated = members.map((m) => (m.producerId === 'u2' ? { ...m, status: 'active' as const, reason: null } : m));
    expect(servedRecordProblems(row, served, issued, null, reactivated)).toEqual([
      'Certificado GRUP-0000-0001: el socio u2 está guardado como activo desde t1, pero sus eventos lo dejan excluido desde t1, motivo «Vendió producto ajeno»',
    ]);
  });
});
