import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { LOCK_FILE_NAME } from '../../src/modules/criteria/criteria-lock-file.js';
import { REAL_CRITERIA_DIR, copyOfCriteria, tempDir } from '../helpers/app.js';

async function cli(args: string[], criteriaDir = REAL_CRITERIA_DIR) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    criteriaDir,
    dataDir: tempDir(),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: () => Promise.resolve(''),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('sello criteria check', () => {
  it('passes on the shipped criteria', async () => {
    const { code, out } = await cli(['criteria', 'check']);
    expect(code).toBe(0);
    expect(out).toContain('es-cj-bolivia/2025.1.yaml');
    expect(out).toContain('Criterios válidos: 6 versiones.');
    expect(out).toMatch(/es-cj-bolivia\/2027\.1\.yaml {2}borrador/);
  });

  it('exits non-zero on a copy with one broken file, naming file and path', async () => {
    const root = copyOfCriteria();
    const target = path.join(root, 'es-cj-bolivia', '2025.1.yaml');
    fs.writeFileSync(target, fs.readFileSync(target, 'utf8').replace(/certificateValidityMonths: \d+/, 'certificateValidityMonths: doce'));
    const { code, err } = await cli(['criteria', 'check', '--dir', root]);
    expect(code).toBe(1);
    expect(err).toMatch(/es-cj-bolivia\/2025\.1\.yaml:\d+ certificateValidityMonths: /);
  });
});

describe('sello criteria lock', () => {
  it('records a newly published version and never rewrites a recorded one', async () => {
    const root = copyOfCriteria();
    const lockFile = path.join(root, 'es-cj-bolivia', LOCK_FILE_NAME);
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Record<string, string>;
    const recorded2026 = lock['2026.1'];
    delete lock['2026.1'];
    fs.writeFileSync(lockFile, JSON.stringify(lock));
    expect((await cli(['criteria', 'check', '--dir', root])).code).toBe(1);

    const locked = await cli(['criteria', 'lock', '--dir', root]);
    expect(locked.code).toBe(0);
    expect(locked.out).toContain('Huella registrada: es-cj-bolivia 2026.1');
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))['2026.1']).toBe(recorded2026);
    expect((await cli(['criteria', 'check', '--dir', root])).code).toBe(0);

    // An edited published file is not "fixed" by locking again.
    const target = path.join(root, 'es-cj-bolivia', '2025.1.yaml');
    fs.writeFileSync(target, fs.readFileSync(target, 'utf8').replace(/issuingBody: .*/, 'issuingBody: "Otra"'));
    const relock = await cli(['criteria', 'lock', '--dir', root]);
    expect(relock.code).toBe(1);
    expect(relock.err).toContain('fue modificada');
  });
});

describe('sello criteria diff', () => {
  it('prints added, changed and retired criteria', async () => {
    const { code, out } = await cli(['criteria', 'diff', 'es-cj-bolivia', '2025.1', '2026.1']);
    expect(code).toBe(0);
    expect(out).toMatch(/^es-cj-bolivia: 2025\.1 → 2026\.1/);
    expect(out).toMatch(/Añadidos \([1-9]\d*\):\n {2}\+ P\d+\.\d{2} /);
    expect(out).toMatch(/Modificados \([1-9]\d*\):\n {2}~ P\d+\.\d{2} /);
    expect(out).toMatch(/Retirados \([1-9]\d*\):\n {2}- P\d+\.\d{2} .*\(motivo: /);
  });

  it('says in words the new sector, each criterion’s scope and the follow-up rule of 2026.4', async () => {
    const { code, out } = await cli(['criteria', 'diff', 'es-cj-bolivia', '2026.3', '2026.4']);
    expect(code).toBe(0);
    expect(out).toMatch(
      /En resumen:\n {2}· Sector nuevo: Comercialización solidaria .*\(«comercializacion»\), que se aplica a 26 criterios\./,
    );
    expect(out).toMatch(/· Se agrega el sector Comercialización solidaria .* a 26 criterios: P1\.01, /);
    expect(out).toMatch(
      /· A quién se refiere: sin indicar → la organización \(se evalúa una vez para la organización\), en \d+ criterios: P1\.01/,
    );
    expect(out).toMatch(
      /· A quién se refiere: sin indicar → cada unidad productiva familiar \(se evalúa en cada unidad productiva\), en \d+ criterios: /,
    );
    expect(out).toContain(
      '· Criterios críticos: una no conformidad se cierra solo con una visita de seguimiento de un equipo independiente del comité local (antes: la puede cerrar el comité local).',
    );
    expect(out).toContain('· Criterios mayores: una no conformidad se cierra solo con una visita de seguimiento');
    expect(out).toMatch(
      / {2}~ P1\.01 \(sectores, a quién se refiere\)\n {6}sectores: se agrega Comercialización solidaria .*\n {6}a quién se refiere: sin indicar → la organización\n/,
    );
    expect(out).toContain('Reglas del esquema que cambiaron: sectores; qué significa no cumplir cada nivel de criterio');
    expect(out).not.toMatch(/decisionPolicy|undefined/);
  });

  it('prints the API JSON with --json', async () => {
    const { out } = await cli(['criteria', 'diff', 'es-cj-bolivia', '2025.1', '2026.1', '--json']);
    const diff = JSON.parse(out) as { from: string; to: string; added: unknown[] };
    expect(diff).toMatchObject({ from: '2025.1', to: '2026.1' });
    expect(diff.added.length).toBeGreaterThan(0);
  });

  it('fails clearly on an unknown version', async () => {
    const { code, err } = await cli(['criteria', 'diff', 'es-cj-bolivia', '2025.1', '2099.1']);
    expect(code).toBe(1);
    expect(err).toContain('no tiene la versión 2099.1');
  });

  it('fails on an unknown command', async () => {
    const { code, err } = await cli(['criteria', 'publicar']);
    expect(code).not.toBe(0);
    expect(err).toContain('publicar');
  });
});

describe('the command line in Spanish', () => {
  it('writes its help in Spanish', async () => {
    const { code, out } = await cli(['criteria', 'diff', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Uso: sello criteria diff \[opciones\] \[esquema\] <desde> <hasta>/);
    for (const heading of ['Argumentos:', 'Opciones:', '-h, --help', 'muestra esta ayuda', '(por defecto:']) expect(out).toContain(heading);
    expect(out).not.toMatch(/Usage|Options|Arguments|display help|default:/);
  });

  it('writes its refusals in Spanish, with its suggestion', async () => {
    expect((await cli(['criteria', 'chek'])).err).toBe('Error: no existe el comando «chek». ¿Quiso decir «check»?');
    expect((await cli(['criteria', 'check', '--dir'])).err).toBe('Error: la opción «-d, --dir <carpeta>» necesita un valor.');
    expect((await cli(['admin', 'create', '--name', 'Raíz'])).err).toBe('Error: falta la opción obligatoria «-u, --username <usuario>».');
    expect((await cli(['criteria', 'diff', 'es-cj-bolivia'])).err).toBe('Error: falta el argumento «hasta».');
  });

  it('names the option a refused value came from', async () => {
    const { code, err } = await cli(['admin', 'create', '--username', 'x', '--name', 'Raíz']);
    expect(code).toBe(1);
    expect(err).toMatch(/^--username: /);
  });
});
