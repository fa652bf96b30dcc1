/** The administration's pages (accounts, organisations and committees, criteria versions), for src/modules/pages/admin-pages.ts. */
export * from './admin-account-pages.js';
export * from './admin-organization-pages.js';
export * from './admin-criteria-pages.js';
