import { describe, expect, it } from 'vitest';
import { DEPARTMENT_CODES } from '../../src/domain/bolivia.js';
import { loadCriteria } from '../../src/modules/criteria/criteria-loader.js';
import { REAL_CRITERIA_DIR } from '../helpers/app.js';
import { DEPARTMENT_WEIGHT, MUNICIPALITIES, PRODUCTS, seededRandom } from '../../bench/seed-data.js';
import { addDays, FATE_SHARES, planCertificates, planOrganizations, planProducers, planSessionDays } from '../../bench/seed-plan.js';

describe('benchmark seed data', () => {
  it('covers the nine departments, each with its own municipalities and products', () => {
    for (const table of [MUNICIPALITIES, PRODUCTS, DEPARTMENT_WEIGHT])
      expect(Object.keys(table).sort()).toEqual([...DEPARTMENT_CODES].sort());
    const where = (municipality: string) => DEPARTMENT_CODES.filter((d) => MUNICIPALITIES[d].includes(municipality));
    expect(where('Caranavi')).toEqual(['la-paz']);
    expect(where('Coroico')).toEqual(['la-paz']);
    expect(where('Villa Tunari')).toEqual(['cochabamba']);
    expect(where('Riberalta')).toEqual(['beni']);
    expect(where('Cobija')).toEqual(['pando']);
    expect(where('Uyuni')).toEqual(['potosi']);
    expect(where('Tarabuco')).toEqual(['chuquisaca']);
    expect(where('Samaipata')).toEqual(['santa-cruz']);
    // Entre Ríos is the one name two departments share (Carrasco in Cochabamba, O'Connor in Tarija).
    const all = DEPARTMENT_CODES.flatMap((d) => MUNICIPALITIES[d]);
    expect([...new Set(all.filter((m, i) => all.indexOf(m) !== i))]).toEqual(['Entre Ríos']);
  });

  it('uses only sectors of every published version of the scheme', () => {
    const { versions } = loadCriteria(REAL_CRITERIA_DIR);
    const sectors = DEPARTMENT_CODES.flatMap((d) => PRODUCTS[d].map(([, s]) => s));
    for (const v of versions) for (const s of sectors) expect(v.sectors.map((x) => x.code)).toContain(s);
  });

  it('plans distinct organisations in their department, and distinct families inside each', () => {
    const random = seededRandom(7);
    const orgs = planOrganizations(random, 300);
    expect(new Set(orgs.map((o) => o.name)).size).toBe(300);
    for (const o of orgs) expect(MUNICIPALITIES[o.department]).toContain(o.municipality);
    const producers = planProducers(random, orgs, 3000);
    expect(new Set(producers.map((p) => `${p.organization}|${p.name}`)).size).toBe(3000);
    for (const p of producers) {
      const org = orgs[p.organization]!;
      expect(MUNICIPALITIES[org.department]).toContain(p.municipality);
      for (const product of p.products) expect(PRODUCTS[org.department].map(([name]) => name)).toContain(product);
    }
  });

  it('is the same for the same seed', () => {
    expect(planOrganizations(seededRandom(3), 20)).toEqual(planOrganizations(seededRandom(3), 20));
  });

  it('decides expired certificates over a year ago, and suspends or revokes only after deciding', () => {
    const days = planSessionDays('2026-11-29');
    expect(days.old.at(-1)! < addDays('2026-11-29', -366)).toBe(true);
    expect(days.recent[0]! > addDays('2026-11-29', -365)).toBe(true);
    expect(days.recent.at(-1)! < '2026-11-29' && days.recent.at(-1)! >= '2026-11-27').toBe(true);
    const sessions = { old: days.old.length, recent: days.recent.length };
    const plan = planCertificates(seededRandom(1), 20_000, sessions);
    const share = (fate: string) => plan.filter((c) => c.fate === fate).length / plan.length;
    for (const fate of ['expired', 'revoked', 'suspended'] as const) expect(share(fate)).toBeCloseTo(FATE_SHARES[fate], 1);
    for (const c of plan) {
      if (c.fate === 'expired') expect(c.session).toBeLessThan(sessions.old);
      else expect(c.session).toBeGreaterThanOrEqual(sessions.old);
      if (c.fate === 'suspended' || c.fate === 'revoked') {
        expect(c.actSession).toBeGreaterThan(c.session);
        expect(c.actSession).toBeLessThan(sessions.old + sessions.recent);
      } else expect(c.actSession).toBeNull();
    }
  });
});
