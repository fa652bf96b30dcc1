/**
 * Drizzle table definitions: storage only, no rules. One file per area under
 * schema/; this barrel is what the client, the modules and drizzle-kit import.
 */
export * from './schema/criteria.js';
export * from './schema/registry.js';
export * from './schema/accounts.js';
export * from './schema/audit.js';
export * from './schema/dossiers.js';
export * from './schema/commission.js';
export * from './schema/certificates.js';
export * from './schema/appeals.js';
export * from './schema/agenda.js';
export * from './schema/complaints.js';
