/** The committee's registry pages (productores, personas, CSV import), for src/modules/pages/registry-pages.ts. */
export { listHref, producerHref, producerValues, renderProducerFormPage, renderProducerListPage, type ListPage } from './producer-pages.js';
export { personHref, renderPersonFormPage, renderPersonListPage } from './person-pages.js';
export { importedFlash, renderImportPage, type CsvProblemView } from './producers-import-page.js';
export { rawForm } from './registry-form-values.js';
