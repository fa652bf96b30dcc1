/** CSV import and export of an organisation's producers: all rows or none. */
import { eq } from 'drizzle-orm';
import { immediate, type Db } from '../../db/client.js';
import { organizations, producers } from '../../db/schema.js';
import { type Actor, authorize, canAccessOrganization, canCreateIn } from '../../domain/access.js';
import { slugify } from '../../domain/bolivia.js';
import { AppError, type FieldIssue } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { parseProducersCsv, producersToCsv, rowIssuePath } from './producers-csv.js';
import type { ProducersService } from './producers-service.js';

const lineOf = (issue: FieldIssue) => Number(/^line\.(\d+)/.exec(issue.path)?.[1] ?? 0);

export function createProducersImport(db: Db, producersService: ProducersService, now: () => Date) {
  const organization = (id: string) => {
    const org = db.select().from(organizations).where(eq(organizations.id, id)).get();
    if (!org) throw new AppError('not_found', 'ORGANIZATION_NOT_FOUND', 'No existe esa organización');
    return org;
  };

  return {
    /** Validates every row first; writes nothing unless the whole file is valid. */
    importCsv(actor: Actor, organizationId: string, text: string): { imported: number } {
      const at = now();
      return immediate(db, () => {
        organization(organizationId);
        authorize(canCreateIn(actor, organizationId), 'Solo el comité de la organización o la administración importan productores');
        const { rows, issues } = parseProducersCsv(text);
        const today = at.toISOString().slice(0, 10);
        const existing = new Set(
          db.select({ name: producers.name }).from(producers).where(eq(producers.organizationId, organizationId)).all().map((p) => p.name.toLowerCase()),
        );
        const firstLine = new Map<string, number>();
        for (const { line, fields } of rows) {
          for (const problem of producersService.fieldProblems(fields, 'body', today)) {
            issues.push({ path: rowIssuePath(line, problem.path), message: problem.message });
          }
          const key = fields.name.toLowerCase();
          if (existing.has(key)) issues.push({ path: `line.${line}.nombre`, message: `Ya existe en la organización: ${fields.name}` });
          else if (firstLine.has(key)) issues.push({ path: `line.${line}.nombre`, message: `Repetido: ya figura en la línea ${firstLine.get(key)}` });
          else firstLine.set(key, line);
        }
        if (issues.length > 0) {
          issues.sort((a, b) => lineOf(a) - lineOf(b));
          const lines = new Set(issues.map(lineOf));
          throw new AppError('unprocessable', 'CSV_INVALID', `El archivo tiene errores en ${lines.size} fila(s); no se importó nada`, issues);
        }
        for (const { fields } of rows) {
          const row = producersService.rowFor(organizationId, fields, at);
          db.insert(producers).values(row).run();
          appendAudit(db, actor, { entity: 'producer', entityId: row.id, action: 'create', change: { ...row, source: 'csv' } }, at);
        }
        return { imported: rows.length };
      });
    },

    exportCsv(actor: Actor, organizationId: string): { filename: string; csv: string } {
      const org = organization(organizationId);
      authorize(
        canAccessOrganization(actor, 'read', organizationId) && actor.role !== 'producer',
        'No puede exportar los productores de esta organización',
      );
      const rows = db.select().from(producers).where(eq(producers.organizationId, organizationId)).orderBy(producers.name).all();
      return { filename: `productores-${slugify(org.name)}.csv`, csv: producersToCsv(rows) };
    },
  };
}
export type ProducersImport = ReturnType<typeof createProducersImport>;
