/**
 * The counts behind the public figures (/cifras), in SQL over certificates in force (public status
 * «active», the registry's VIGENTE): a unit certificate's unit and a group certificate's active members
 * are certified units, each counted once.
 */
import type { Db } from '../../db/client.js';
import { COUNTED_EVENTS, LA_PAZ_SQL_MODIFIER, type FigureCounts } from '../../domain/figures.js';

const IN_FORCE = "SELECT organization_id FROM certificates WHERE public_status = 'active'";
const CERTIFIED_UNITS = `certified_units AS (
  SELECT producer_id FROM certificates WHERE public_status = 'active' AND scope = 'unit'
  UNION
  SELECT m.producer_id FROM certificate_members m JOIN certificates c ON c.id = m.certificate_id
  WHERE c.public_status = 'active' AND m.status = 'active')`;

export function createFiguresRepository(db: Db) {
  const sql = db.$client;
  const units = sql.prepare<[], { department: string; n: number }>(
    `WITH ${CERTIFIED_UNITS} SELECT p.department, count(*) AS n FROM certified_units u JOIN producers p ON p.id = u.producer_id GROUP BY p.department`,
  );
  const organizations = sql.prepare<[], { department: string; n: number }>(
    `SELECT department, count(*) AS n FROM organizations WHERE id IN (${IN_FORCE}) GROUP BY department`,
  );
  const persons = sql.prepare<[], { role: string; gender: string | null; n: number }>(
    `SELECT r.value AS role, p.gender, count(*) AS n FROM persons p, json_each(p.roles) r
     WHERE p.organization_id IN (${IN_FORCE}) GROUP BY r.value, p.gender`,
  );
  const products = sql.prepare<[], { product: string; n: number }>(
    `WITH ${CERTIFIED_UNITS} SELECT j.value AS product, count(DISTINCT u.producer_id) AS n
     FROM certified_units u JOIN producers p ON p.id = u.producer_id, json_each(p.products) j GROUP BY j.value`,
  );
  const events = sql.prepare<[{ offset: string; from: string }], { event: string; month: string; n: number }>(
    `SELECT event, strftime('%Y-%m', at, @offset) AS month, count(*) AS n FROM certificate_events
     WHERE event IN (${COUNTED_EVENTS.map((e) => `'${e}'`).join(', ')}) AND strftime('%Y-%m', at, @offset) >= @from
     GROUP BY event, month`,
  );

  return {
    /** Every count, read in one transaction so that they agree with each other; events from `fromMonth` (La Paz, YYYY-MM). */
    counts(fromMonth: string): FigureCounts {
      return sql.transaction(() => ({
        units: units.all(),
        organizations: organizations.all(),
        persons: persons.all(),
        products: products.all(),
        events: events.all({ offset: LA_PAZ_SQL_MODIFIER, from: fromMonth }),
      }))();
    },
  };
}
