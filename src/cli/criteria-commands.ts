/** `sello criteria …`: check the criteria folder, record published hashes, print diffs. */
import type { Command } from 'commander';
import path from 'node:path';
import { CriteriaCatalog } from '../modules/criteria/criteria-catalog.js';
import { formatProblem, loadCriteria } from '../modules/criteria/criteria-loader.js';
import { lockPath, readLock, writeLock } from '../modules/criteria/criteria-lock-file.js';
import { CHANGED_FIELD_LABEL, SETTING_LABEL, type CriteriaDiff } from '../domain/criteria-diff.js';
import { criterionChangeLines, diffSummary, proposalLines, reasonLines, scopeInWords } from '../domain/criteria-words.js';
import { LEVEL_LABEL } from '../domain/non-conformities.js';
import { count } from '../domain/text.js';
import { allCriteria } from '../domain/criteria.js';
import type { CliContext } from './context.js';

/** A diff in words: a summary of what changed, then each criterion added, changed (field by field) and retired. */
export function formatDiff(diff: CriteriaDiff, sectorName: (code: string) => string = (code) => code): string {
  const out: string[] = [`${diff.scheme}: ${diff.from} → ${diff.to}`];
  const summary = diffSummary(diff, sectorName);
  if (summary.length > 0) out.push('', 'En resumen:', ...summary.map((line) => `  · ${line}`));
  out.push('', `Añadidos (${diff.added.length}):`);
  for (const c of diff.added) {
    out.push(`  + ${c.code} [${LEVEL_LABEL[c.level]}] ${c.text.es}`);
    if (c.scope) out.push(`      a quién se refiere: ${scopeInWords(c.scope)}`);
    for (const line of [...proposalLines(c.localProposals), ...reasonLines(c.reasons)]) out.push(`      ${line}`);
  }
  out.push('', `Modificados (${diff.changed.length}):`);
  for (const c of diff.changed) {
    out.push(`  ~ ${c.code} (${c.fields.map((f) => CHANGED_FIELD_LABEL[f]).join(', ')})`);
    for (const line of [...criterionChangeLines(c, sectorName), ...reasonLines(c.reasons)]) out.push(`      ${line}`);
  }
  out.push('', `Retirados (${diff.retired.length}):`);
  for (const c of diff.retired) {
    out.push(`  - ${c.code} ${c.text.es}${c.reason ? ` (motivo: ${c.reason.es})` : ''}`);
    for (const line of reasonLines(c.reasons)) out.push(`      ${line}`);
  }
  out.push('', `Sin cambios: ${diff.unchanged}`);
  if (diff.settingsChanged.length > 0) {
    out.push(`Reglas del esquema que cambiaron: ${diff.settingsChanged.map((s) => SETTING_LABEL[s].toLowerCase()).join('; ')}`);
    for (const { setting, reasons } of diff.settingReasons) {
      for (const line of reasonLines(reasons)) out.push(`  · ${SETTING_LABEL[setting]}. ${line}`);
    }
  }
  if (diff.localProposals.length > 0) {
    out.push('', `Propuestas locales que decide la asamblea (${diff.localProposals.length}):`);
    for (const p of diff.localProposals) out.push(`  ? ${p.code} ${p.figure} (${p.note.es})`);
  }
  return out.join('\n');
}

export function registerCriteriaCommands(program: Command, ctx: CliContext): void {
  const criteria = program.command('criteria').description('Criterios versionados del sello');

  criteria
    .command('check')
    .description('Valida todos los archivos de criterios y las huellas de las versiones publicadas')
    .option('-d, --dir <carpeta>', 'carpeta de criterios', ctx.criteriaDir)
    .action((opts: { dir: string }) => {
      const { versions, problems } = loadCriteria(path.resolve(opts.dir));
      if (problems.length > 0) {
        ctx.err(`Criterios inválidos: ${count(problems.length, 'problema', 'problemas')}`);
        for (const p of problems) ctx.err(`  ${formatProblem(p)}`);
        ctx.fail();
        return;
      }
      for (const v of versions) {
        ctx.out(
          `ok  ${v.sourceFile}  ${v.status === 'published' ? 'publicada' : 'borrador'}  ${allCriteria(v).length} criterios  ${v.contentHash}`,
        );
      }
      ctx.out(`Criterios válidos: ${count(versions.length, 'versión', 'versiones')}.`);
    });

  criteria
    .command('lock')
    .description('Registra la huella de las versiones recién publicadas (nunca cambia una ya registrada)')
    .option('-d, --dir <carpeta>', 'carpeta de criterios', ctx.criteriaDir)
    .action((opts: { dir: string }) => {
      const root = path.resolve(opts.dir);
      const { versions, problems } = loadCriteria(root);
      const blocking = problems.filter((p) => !p.unlocked);
      if (blocking.length > 0) {
        ctx.err('No se registra nada: corrija primero estos problemas:');
        for (const p of blocking) ctx.err(`  ${formatProblem(p)}`);
        ctx.fail();
        return;
      }
      let added = 0;
      for (const v of versions.filter((x) => x.status === 'published')) {
        const dir = path.join(root, v.scheme);
        const { lock } = readLock(dir);
        if (lock[v.version]) continue;
        writeLock(dir, { ...lock, [v.version]: v.contentHash });
        ctx.out(`Huella registrada: ${v.scheme} ${v.version} ${v.contentHash} en ${path.relative(process.cwd(), lockPath(dir))}`);
        added += 1;
      }
      if (added === 0) ctx.out('Nada que registrar: todas las versiones publicadas ya tienen su huella.');
    });

  criteria
    .command('diff')
    .description('Muestra los criterios añadidos, modificados y retirados entre dos versiones')
    .usage('[opciones] [esquema] <desde> <hasta>')
    .argument('<desde>', 'versión de partida (o el esquema, p. ej. es-cj-bolivia, cuando se dan tres argumentos)')
    .argument('<hasta>', 'versión de llegada (o la de partida, cuando se dan tres argumentos)')
    .argument('[llegada]', 'versión de llegada, cuando el primer argumento es el esquema')
    .option('-d, --dir <carpeta>', 'carpeta de criterios', ctx.criteriaDir)
    .option('--json', 'salida en JSON (la misma que la API)')
    .action((first: string, second: string, third: string | undefined, opts: { dir: string; json?: boolean }) => {
      const { versions, problems } = loadCriteria(path.resolve(opts.dir));
      if (problems.length > 0) {
        ctx.err('Los criterios tienen problemas: ejecute "npm run sello -- criteria check" para verlos.');
        ctx.fail();
        return;
      }
      const schemes = [...new Set(versions.map((v) => v.scheme))];
      if (third === undefined && schemes.length !== 1) {
        ctx.err(`Hay varios esquemas (${schemes.join(', ')}): diga cuál, p. ej. "criteria diff ${schemes[0]} ${first} ${second}".`);
        ctx.fail();
        return;
      }
      const [scheme, from, to] = third === undefined ? [schemes[0]!, first, second] : [first, second, third];
      const catalog = new CriteriaCatalog(versions);
      const diff = catalog.diff(scheme, from, to);
      const names = new Map([from, to].flatMap((v) => catalog.version(scheme, v).sectors.map((s) => [s.code, s.name.es] as const)));
      ctx.out(opts.json ? JSON.stringify(diff, null, 2) : formatDiff(diff, (code) => names.get(code) ?? code));
    });
}
