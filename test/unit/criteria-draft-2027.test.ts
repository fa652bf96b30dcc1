import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { allCriteria } from '../../src/domain/criteria.js';
import { loadCriteria } from '../../src/modules/criteria/criteria-loader.js';
import { CriteriaCatalog } from '../../src/modules/criteria/criteria-catalog.js';
import { REAL_CRITERIA_DIR, tempDir } from '../helpers/app.js';
import { REVIEWER_TRAINING, SANCTIONS } from '../helpers/catalogue-criteria.js';

const { versions, problems } = loadCriteria(REAL_CRITERIA_DIR);
const draft = versions.find((v) => v.version === '2027.1')!;

/** `sello criteria diff <from> <to>`: with one scheme in the folder, the scheme may be left out. */
async function diffOut(from: string, to: string): Promise<string> {
  const out: string[] = [];
  const code = await runCli(['criteria', 'diff', from, to], {
    criteriaDir: REAL_CRITERIA_DIR,
    dataDir: tempDir(),
    out: (l) => out.push(l),
    err: (l) => out.push(l),
    readStdin: () => Promise.resolve(''),
  });
  expect(code).toBe(0);
  return out.join('\n');
}

/** The lines of the diff's entry for one criterion: its heading line and the indented lines under it. */
function entry(text: string, marker: '+' | '~' | '-', code: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`  ${marker} ${code} `));
  expect(at, `${marker} ${code} en la diferencia`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > at && !l.startsWith('      '));
  return lines.slice(at, end).join('\n');
}

describe('the 2027.1 draft of es-cj-bolivia', () => {
  it('loads as a draft replacing 2026.4, and 2026.4 stays the current version', () => {
    expect(problems).toEqual([]);
    expect(draft.status).toBe('draft');
    expect(draft.publishedOn).toBeUndefined();
    expect(draft.approvedBy).toBeUndefined();
    expect(draft.previousVersion).toBe('2026.4');
    expect(new CriteriaCatalog(versions).scheme('es-cj-bolivia').currentVersion).toBe('2026.4');
  });

  it('has, for every criterion, at least one source whose document it declares', () => {
    const declared = new Set((draft.documents ?? []).map((d) => d.code));
    expect(declared.size).toBeGreaterThanOrEqual(5);
    const criteria = allCriteria(draft);
    expect(criteria.length).toBeGreaterThanOrEqual(39);
    for (const c of criteria) {
      expect(c.sources?.length ?? 0, c.code).toBeGreaterThan(0);
      for (const s of c.sources!) {
        expect(declared, `${c.code} cita ${s.document}`).toContain(s.document);
        expect(s.passage.length).toBeGreaterThan(10);
      }
    }
    // And it declares only the documents it cites.
    expect(new Set(criteria.flatMap((c) => c.sources!.map((s) => s.document)))).toEqual(declared);
  });

  it('proposes the sanctions catalogue and reviewer training the software knows, refusing visits without it', () => {
    expect(draft.sanctions?.map((s) => [s.code, s.effect])).toEqual(SANCTIONS.map((s) => [s.code, s.effect]));
    expect(draft.training?.whenMissing).toBe('refuse');
    expect(draft.training?.reviewer.map((t) => [t.topic, t.validForYears])).toEqual(
      REVIEWER_TRAINING.map((t) => [t.topic, t.validForYears]),
    );
  });

  it('marks the figures the sources do not give as local proposals for the assembly', () => {
    const proposals = new Map(allCriteria(draft).map((c) => [c.code, (c.localProposals ?? []).map((p) => p.figure).join(' | ')]));
    expect(proposals.get('P1.04')).toContain('30 %');
    expect(proposals.get('P2.04')).toContain('dos gestiones');
    expect(proposals.get('P9.05')).toContain('10 %');
    expect(proposals.get('P9.06')).toBe('');
  });
});

describe('criteria diff 2026.1 2027.1', () => {
  it('shows P9.01 changed towards a solidarity fund, with its reason', async () => {
    const p901 = entry(await diffOut('2026.1', '2027.1'), '~', 'P9.01');
    expect(p901).toMatch(/texto ahora: .*parte significativa.*fondo solidario/);
    expect(p901).toMatch(
      /Motivo: .*«destinar una parte significativa del excedente obtenido a la expansión de la propia red».*\(versión 2027\.1\)/,
    );
  });

  it('shows P2.03 taking what the retirement of P3.03 promised, with its reason', async () => {
    const p203 = entry(await diffOut('2026.1', '2027.1'), '~', 'P2.03');
    expect(p203).toMatch(/texto ahora: .*criterios vigentes del sello y las decisiones del comité/);
    expect(p203).toMatch(/Motivo: .*P3\.03/);
  });

  it('lists the added criteria, each with its reason', async () => {
    const out = await diffOut('2026.1', '2027.1');
    expect(out).toContain('Añadidos (3):');
    expect(entry(out, '+', 'P2.05')).toMatch(/propiedad colectiva[\s\S]*Motivo: Criterio nuevo/);
    expect(entry(out, '+', 'P1.05')).toMatch(/precio de venta al consumidor[\s\S]*Motivo: Criterio nuevo/);
    expect(entry(out, '+', 'P9.06')).toMatch(/alimentación complementaria escolar[\s\S]*Motivo: Criterio nuevo/);
  });

  it('lists the local proposals the assembly decides, and the reasons of the new settings', async () => {
    const out = await diffOut('2026.1', '2027.1');
    const proposals = out.slice(out.indexOf('Propuestas locales que decide la asamblea'));
    expect(proposals).toMatch(/\? P1\.04 .*30 %.*la asamblea decide/);
    expect(proposals).toMatch(/\? P2\.04 .*dos gestiones.*la asamblea decide/);
    expect(proposals).toMatch(/\? P9\.05 .*10 %.*la asamblea decide/);
    expect(entry(out, '~', 'P9.05')).toMatch(/Motivo: La alimentación escolar sale de la lista/);
    expect(out).toMatch(/· Catálogo de sanciones\. Motivo: /);
    expect(out).toMatch(/· Capacitación que necesita cada revisor par\. Motivo: /);
    expect(out).toMatch(/· Documentos de base de los criterios\. Motivo: /);
  });

  it('gives, over several versions, the retirement reason of the version on the way that retired it', async () => {
    const out = await diffOut('2025.1', '2027.1');
    expect(entry(out, '-', 'P3.03')).toContain('(motivo: Se integró en P2.03');
    // A diff of one step still gives only the reasons of its newer version.
    expect(await diffOut('2026.4', '2027.1')).not.toContain('Se integró en P2.03');
  });
});

describe('the 2027.1 draft beside a published catalogue', () => {
  it('leaves the folder of the catalogue tests valid, with 2026.5 as the current version', async () => {
    const { criteriaWithCatalogue, CATALOGUE_VERSION } = await import('../helpers/catalogue-criteria.js');
    const loaded = loadCriteria(criteriaWithCatalogue());
    expect(loaded.problems).toEqual([]);
    expect(new CriteriaCatalog(loaded.versions).scheme('es-cj-bolivia').currentVersion).toBe(CATALOGUE_VERSION);
  });
});
