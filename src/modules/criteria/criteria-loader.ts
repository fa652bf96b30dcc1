/**
 * Reads and validates every criteria file, each scheme's chain of versions and published hashes;
 * problems name the file, the field path and, where known, the line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { contentHash } from '../../domain/content-hash.js';
import {
  checkSuccession,
  checkVersionRules,
  compareVersionIds,
  type CriteriaIssue,
  type CriteriaVersion,
} from '../../domain/criteria.js';
import { CriteriaFileSchema } from '../../domain/criteria-schema.js';
import { LOCK_FILE_NAME, readLock } from './criteria-lock-file.js';

export type CriteriaProblem = {
  /** File path relative to the criteria folder. */
  file: string;
  /** Dotted path inside the file ('' for the whole file). */
  path: string;
  line?: number;
  message: string;
  /** Set on a published version whose hash is not recorded yet: `criteria lock` fixes it. */
  unlocked?: true;
};

export type LoadResult = {
  /** Every version that parsed and passed its own rules. */
  versions: CriteriaVersion[];
  problems: CriteriaProblem[];
};

const VERSION_FILE = /\.(ya?ml|json)$/;

export function formatProblem(p: CriteriaProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return p.path ? `${where} ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

type ParsedFile = { version: CriteriaVersion; doc: Document; lines: LineCounter };

function lineOf(doc: Document, lines: LineCounter, dotted: string): number | undefined {
  const segments = dotted.split('.').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  // Walk up to the closest node that exists (a missing key points at its parent).
  for (let n = segments.length; n >= 0; n--) {
    const node = doc.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function parseVersionFile(root: string, file: string, problems: CriteriaProblem[]): ParsedFile | undefined {
  const rel = path.relative(root, file);
  const lines = new LineCounter();
  const doc = parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter: lines });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const text = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      problems.push({ file: rel, path: '', line: e.linePos?.[0]?.line, message: `YAML inválido: ${text}` });
    }
    return undefined;
  }
  const raw: unknown = doc.toJS();
  const result = CriteriaFileSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const at = issue.path.join('.');
      problems.push({ file: rel, path: at, line: lineOf(doc, lines, at), message: issue.message });
    }
    return undefined;
  }
  const data = result.data;
  const report = (issues: CriteriaIssue[]) =>
    issues.forEach((i) => problems.push({ file: rel, path: i.path, line: lineOf(doc, lines, i.path), message: i.message }));

  const schemeDir = path.basename(path.dirname(file));
  const expectedVersion = path.basename(file).replace(VERSION_FILE, '');
  const naming: CriteriaIssue[] = [];
  if (data.scheme !== schemeDir) naming.push({ path: 'scheme', message: `El esquema "${data.scheme}" no coincide con su carpeta "${schemeDir}"` });
  if (data.version !== expectedVersion) naming.push({ path: 'version', message: `La versión "${data.version}" no coincide con el nombre del archivo "${path.basename(file)}"` });
  report(naming);
  const ruleIssues = checkVersionRules(data);
  report(ruleIssues);
  if (naming.length > 0 || ruleIssues.length > 0) return undefined;
  // The hash is taken over the file's content as written (before defaults), so code changes never alter it.
  return { version: { ...data, contentHash: contentHash(raw), sourceFile: rel }, doc, lines };
}

function loadScheme(root: string, schemeDir: string, problems: CriteriaProblem[]): CriteriaVersion[] {
  const files = fs
    .readdirSync(schemeDir)
    .filter((name) => VERSION_FILE.test(name) && name !== LOCK_FILE_NAME)
    .map((name) => path.join(schemeDir, name));
  const parsed = files.flatMap((f) => parseVersionFile(root, f, problems) ?? []);
  parsed.sort((a, b) => compareVersionIds(a.version.version, b.version.version));
  if (parsed.length < files.length) return []; // A broken file makes its whole scheme unusable.

  const byVersion = new Map(parsed.map((p) => [p.version.version, p]));
  const retiredEarlier = new Set<string>();
  for (const { version, doc, lines } of parsed) {
    if (version.previousVersion) {
      const previous = byVersion.get(version.previousVersion);
      if (!previous) {
        problems.push({ file: version.sourceFile, path: 'previousVersion', line: lineOf(doc, lines, 'previousVersion'), message: `La versión anterior ${version.previousVersion} no existe` });
      } else {
        for (const issue of checkSuccession(previous.version, version, retiredEarlier)) {
          problems.push({ file: version.sourceFile, path: issue.path, line: lineOf(doc, lines, issue.path), message: issue.message });
        }
      }
    }
    (version.retired ?? []).forEach((r) => retiredEarlier.add(r.code));
  }

  const relDir = path.relative(root, schemeDir);
  const lockRel = path.join(relDir, LOCK_FILE_NAME);
  const { lock, problem } = readLock(schemeDir);
  if (problem) problems.push({ file: lockRel, path: '', message: problem });
  for (const { version } of parsed) {
    const recorded = lock[version.version];
    if (version.status === 'published') {
      if (!recorded) {
        problems.push({
          file: version.sourceFile,
          path: 'status',
          message: `Versión publicada sin huella registrada en ${lockRel}; ejecute "npm run sello -- criteria lock"`,
          unlocked: true,
        });
      } else if (recorded !== version.contentHash) {
        problems.push({ file: version.sourceFile, path: '', message: `La versión publicada ${version.version} fue modificada (huella registrada ${recorded}, actual ${version.contentHash}). Una versión publicada no cambia: cree una versión nueva.` });
      }
    } else if (recorded) {
      problems.push({ file: version.sourceFile, path: 'status', message: `La versión ${version.version} ya fue publicada y no puede volver a borrador` });
    }
  }
  for (const version of Object.keys(lock)) {
    if (!byVersion.has(version)) problems.push({ file: lockRel, path: version, message: `Falta el archivo de la versión publicada ${version}` });
  }
  return parsed.map((p) => p.version);
}

export function loadCriteria(root: string): LoadResult {
  const problems: CriteriaProblem[] = [];
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    return { versions: [], problems: [{ file: root, path: '', message: 'La carpeta de criterios no existe' }] };
  }
  const schemeDirs = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(root, e.name))
    .sort();
  const versions = schemeDirs.flatMap((dir) => loadScheme(root, dir, problems));
  if (versions.length === 0 && problems.length === 0) {
    problems.push({ file: root, path: '', message: 'No hay ningún esquema de criterios' });
  }
  // Versions are returned even when there are problems (for `criteria lock`); callers refuse to serve them.
  return { versions, problems };
}
