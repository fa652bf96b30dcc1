import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../../src/modules/criteria/criteria-loader.js';
import { LOCK_FILE_NAME, readLock } from '../../src/modules/criteria/criteria-lock-file.js';
import { allCriteria, levelsUsed } from '../../src/domain/criteria.js';
import { contentHash } from '../../src/domain/content-hash.js';
import { REAL_CRITERIA_DIR, copyOfCriteria } from '../helpers/app.js';

const SCHEME = 'es-cj-bolivia';
const file = (root: string, version: string) => path.join(root, SCHEME, `${version}.yaml`);
const edit = (target: string, fn: (text: string) => string) => fs.writeFileSync(target, fn(fs.readFileSync(target, 'utf8')));

describe('the shipped criteria', () => {
  const { versions, problems } = loadCriteria(REAL_CRITERIA_DIR);

  it('load without any problem', () => {
    expect(problems).toEqual([]);
    expect(versions.map((v) => `${v.scheme}@${v.version}`)).toEqual([
      `${SCHEME}@2025.1`,
      `${SCHEME}@2026.1`,
      `${SCHEME}@2026.2`,
      `${SCHEME}@2026.3`,
      `${SCHEME}@2026.4`,
      `${SCHEME}@2027.1`,
    ]);
  });

  it.each(['2025.1', '2026.1', '2026.2', '2026.3', '2026.4'])(
    '%s is a real scheme: ≥8 principles, ≥30 criteria, ≥4 sectors, every level',
    (id) => {
      const v = versions.find((x) => x.version === id)!;
      expect(v.status).toBe('published');
      expect(v.principles.length).toBeGreaterThanOrEqual(8);
      const criteria = allCriteria(v);
      expect(criteria.length).toBeGreaterThanOrEqual(30);
      expect(new Set(criteria.flatMap((c) => c.sectors)).size).toBeGreaterThanOrEqual(4);
      expect(Object.values(levelsUsed(v)).every((n) => n > 0)).toBe(true);
      expect(criteria.every((c) => c.text.es.length > 10)).toBe(true);
    },
  );

  it('record each published hash in the lock file, and never a draft’s', () => {
    const { lock } = readLock(path.join(REAL_CRITERIA_DIR, SCHEME));
    const published = versions.filter((v) => v.status === 'published');
    expect(published).toHaveLength(5);
    for (const v of published) expect(lock[v.version]).toBe(v.contentHash);
    expect(versions.find((v) => v.version === '2027.1')?.status).toBe('draft');
    expect(lock['2027.1']).toBeUndefined();
  });

  it('hash the content, not the formatting', () => {
    const v = versions[0]!;
    expect(contentHash(parse(fs.readFileSync(file(REAL_CRITERIA_DIR, v.version), 'utf8')))).toBe(v.contentHash);
  });
});

describe('loadCriteria on a broken copy', () => {
  it('names file, path and line of an invalid value', () => {
    const root = copyOfCriteria();
    const target = file(root, '2026.1');
    const lines = fs.readFileSync(target, 'utf8').split('\n');
    const at = lines.findIndex((l) => /^\s+level: minor\s*$/.test(l));
    lines[at] = lines[at]!.replace('minor', 'leve');
    fs.writeFileSync(target, lines.join('\n'));

    const { problems } = loadCriteria(root);
    const problem = problems.find((p) => p.path.endsWith('.level'));
    expect(problem).toMatchObject({ file: `${SCHEME}/2026.1.yaml`, line: at + 1 });
    expect(problem!.path).toMatch(/^principles\.\d+\.criteria\.\d+\.level$/);
  });

  it('reports a YAML syntax error with its line', () => {
    const root = copyOfCriteria();
    edit(file(root, '2025.1'), (t) => `${t}\nprinciples: [\n`);
    const { problems } = loadCriteria(root);
    expect(problems[0]).toMatchObject({ file: `${SCHEME}/2025.1.yaml`, message: expect.stringContaining('YAML inválido') });
    expect(problems[0]!.line).toBeGreaterThan(1);
  });

  it('detects an edited published file and names it', () => {
    const root = copyOfCriteria();
    edit(file(root, '2025.1'), (t) => t.replace(/issuingBody: .*/, 'issuingBody: "Otra entidad"'));
    const { problems } = loadCriteria(root);
    expect(problems).toEqual([
      expect.objectContaining({ file: `${SCHEME}/2025.1.yaml`, message: expect.stringContaining('fue modificada') }),
    ]);
  });

  it('ignores comments and formatting in a published file', () => {
    const root = copyOfCriteria();
    edit(file(root, '2025.1'), (t) => `# comentario añadido\n${t.replace(/\n/g, '\n\n')}`);
    expect(loadCriteria(root).problems).toEqual([]);
  });

  it('refuses a published version without a recorded hash, and one that went back to draft', () => {
    const root = copyOfCriteria();
    const lockFile = path.join(root, SCHEME, LOCK_FILE_NAME);
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Record<string, string>;
    delete lock['2026.1'];
    fs.writeFileSync(lockFile, JSON.stringify(lock));
    edit(file(root, '2025.1'), (t) => t.replace(/^status: published/m, 'status: draft'));
    const { problems } = loadCriteria(root);
    expect(problems.map((p) => [p.file, p.unlocked ?? false, p.message])).toEqual([
      [`${SCHEME}/2025.1.yaml`, false, expect.stringContaining('no puede volver a borrador')],
      [`${SCHEME}/2026.1.yaml`, true, expect.stringContaining('sin huella registrada')],
    ]);
  });

  it('lets a draft change freely, and checks it against the version it replaces', () => {
    const root = copyOfCriteria();
    const draft = file(root, '2027.1');
    fs.copyFileSync(file(root, '2026.1'), draft);
    edit(draft, (t) =>
      t
        .replace(/^version: .*/m, 'version: "2027.1"')
        .replace(/^status: published/m, 'status: draft')
        .replace(/^previousVersion: .*/m, 'previousVersion: "2026.1"')
        .replace(/^retired:[\s\S]*$/m, ''),
    );
    expect(loadCriteria(root).problems).toEqual([]);
    edit(draft, (t) => t.replace(/issuingBody: .*/, 'issuingBody: "Borrador en revisión"'));
    expect(loadCriteria(root).problems).toEqual([]);

    // Dropping a criterion without retiring it is caught.
    const parsed = parse(fs.readFileSync(draft, 'utf8')) as { principles: { criteria: { code: string }[] }[] };
    const dropped = parsed.principles[0]!.criteria.pop()!;
    fs.writeFileSync(draft, JSON.stringify(parsed));
    const { problems } = loadCriteria(root);
    expect(problems).toEqual([expect.objectContaining({ file: `${SCHEME}/2027.1.yaml`, message: expect.stringContaining(dropped.code) })]);
  });

  it('notices a published version whose file was deleted', () => {
    const root = copyOfCriteria();
    fs.rmSync(file(root, '2026.4'));
    fs.rmSync(file(root, '2027.1')); // the draft that replaces it would report its missing previous version too
    const { problems } = loadCriteria(root);
    expect(problems).toEqual([expect.objectContaining({ path: '2026.4', message: expect.stringContaining('Falta el archivo') })]);
  });

  it('refuses a file whose name does not match its version', () => {
    const root = copyOfCriteria();
    fs.renameSync(file(root, '2026.1'), file(root, '2026.2'));
    const { problems } = loadCriteria(root);
    expect(problems.map((p) => p.path)).toContain('version');
  });
});
