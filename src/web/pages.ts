/**
 * The public, server-rendered pages as pure functions: a view model in, an HTML string out,
 * and the mappings from service results to view models. Routes import everything from here.
 */
export { DEFAULT_LOCALE, LOCALES, pageLocale, type Locale } from './locale.js';
export { CODE_FORM_PATH, FIGURES_PATH, HOME_PATH, REGISTRY_PATH, SUPPLIERS_PATH, VERIFY_PATH } from './page-layout.js';
export {
  CERTIFICATE_STATUSES,
  type CertificateStatus,
  type HomeView,
  type NotFoundView,
  type RegistryCertificate,
  type RegistryEntry,
  type RegistryQuery,
  type RegistryView,
  type VerificationView,
} from './page-types.js';
export { renderHomePage } from './home-page.js';
export { registryHref, renderRegistryPage } from './registry-page.js';
export { registryView } from './registry-view.js';
export { renderSuppliersPage, type SuppliersPageView } from './suppliers-page.js';
export { renderCodeNotFoundPage, renderUnconfirmedPage, renderVerificationPage } from './verification-page.js';
export { notFoundView, verificationView } from './verification-view.js';
