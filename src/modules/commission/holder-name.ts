/** The name a commission record shows for whom a file or certificate is about, in the queries that join both tables. */
import { sql } from 'drizzle-orm';
import { organizations, producers } from '../../db/schema.js';

/** The production unit's name or, for an organisation's own file or a group's certificate (no unit: left join), the organisation's. */
export const holderName = sql<string>`coalesce(${producers.name}, ${organizations.name})`;
