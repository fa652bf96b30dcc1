/** CSV import (all rows or none) and export of an organisation's producers; the file format is in producers-csv.ts. */
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canCreateIn, canExportProducers } from '../../domain/access.js';
import { slugify } from '../../domain/bolivia.js';
import { AppError, type FieldIssue } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { parseProducersCsv, producersToCsv, rowIssuePath } from './producers-csv.js';
import type { ProducersService } from './producers-service.js';
import { createRegistryRepository } from './registry-repository.js';

const lineOf = (issue: FieldIssue) => Number(/^line\.(\d+)/.exec(issue.path)?.[1] ?? 0);

export function createProducersCsvService(db: Db, producersService: ProducersService, now: () => Date) {
  const repo = createRegistryRepository(db);
  const organization = (id: string) => {
    const org = repo.organization(id);
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
        const existing = new Set(repo.producerNamesIn(organizationId).map((name) => name.toLowerCase()));
        const firstLine = new Map<string, number>();
        for (const { line, fields } of rows) {
          for (const problem of producersService.fieldProblems(fields, 'body', today)) {
            issues.push({ path: rowIssuePath(line, problem.path), message: problem.message });
          }
          const key = fields.name.toLowerCase();
          if (existing.has(key)) issues.push({ path: `line.${line}.nombre`, message: `Ya existe en la organización: «${fields.name}»` });
          else if (firstLine.has(key))
            issues.push({ path: `line.${line}.nombre`, message: `Repetido: ya figura en la línea ${firstLine.get(key)}` });
          else firstLine.set(key, line);
        }
        if (issues.length > 0) {
          issues.sort((a, b) => lineOf(a) - lineOf(b));
          const lines = new Set(issues.map(lineOf));
          throw new AppError(
            'unprocessable',
            'CSV_INVALID',
            lines.size === 1
              ? 'El archivo tiene errores en 1 fila: no se importó nada. Corríjala y vuelva a enviar el archivo completo'
              : `El archivo tiene errores en ${lines.size} filas: no se importó nada. Corríjalas y vuelva a enviar el archivo completo`,
            issues,
          );
        }
        for (const { fields } of rows) {
          const row = producersService.rowFor(organizationId, fields, at);
          repo.insertProducer(row);
          appendAudit(db, actor, { entity: 'producer', entityId: row.id, action: 'create', change: { ...row, source: 'csv' } }, at);
        }
        return { imported: rows.length };
      });
    },

    exportCsv(actor: Actor, organizationId: string): { filename: string; csv: string } {
      const org = organization(organizationId);
      authorize(canExportProducers(actor, organizationId), 'No puede exportar los productores de esta organización');
      return { filename: `productores-${slugify(org.name)}.csv`, csv: producersToCsv(repo.producersOf(organizationId)) };
    },
  };
}
export type ProducersCsvService = ReturnType<typeof createProducersCsvService>;
