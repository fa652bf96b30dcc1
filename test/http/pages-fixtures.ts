/** Shared bits of the pages' HTTP tests. */
import type { FastifyInstance } from 'fastify';

export { buildTestApp } from '../helpers/app.js';

/** Rows of a table that match a SQL condition written by the test itself. */
export function countRowsWhere(app: FastifyInstance, table: string, where: string): number {
  return (app.db.$client.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
}
