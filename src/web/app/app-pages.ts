/**
 * The people's pages (/entrar, /app) as pure functions: a view model in, an HTML string out.
 * Routes (src/modules/pages) import everything from here. To add a page: a template in
 * templates/app/ (registered in app-views.ts), a renderer here that passes `layoutData(title, person)`
 * plus its view, built from the components listed in components.ts.
 */
export { layoutData, roleLine, type AppPerson } from './app-layout.js';
export { APP_STYLESHEET } from './app-views.js';
export { fieldErrors, pagination, type CardTable, type FieldData, type Flash, type Pagination, type SelectData } from './components.js';
export { renderDossierPage } from './dossier-page.js';
export { dossierHref, homeView, nextStep, renderHomePage } from './home-page.js';
export { loginAction, renderLoginPage, type LoginView } from './login-page.js';
export { renderCannotPage, renderErrorPage, renderNotFoundPage, renderRefusedPage } from './message-pages.js';
export { safeReturnPath } from './return-path.js';
export * from './registry-pages.js';
export * from './admin-pages.js';
export { DONE_MESSAGES, doneFlash, dossierDone, RECOMMENDATION_LABEL, type Done, type DossierPageData } from './dossier-page.js';
export * from './dossier-form-pages.js';
export { formValues, readAnswers, readTeam, teamRefusals, type FormValues } from './dossier-forms.js';
export { renderVisitPage, renderVisitShell, visitPageData, type VisitPageData } from './visit-page.js';
export { MANIFEST, OFFLINE_SHELL_HREF, serviceWorker, VERSIONED_ASSETS } from './offline-assets.js';
export { commissionDossierHref, renderCommissionQueuePage, type QueueFilters } from './commission-queue-page.js';
export { decideHref, renderCommissionDossierPage } from './commission-dossier-page.js';
export * from './commission-certificate-pages.js';
export * from './commission-appeal-pages.js';
export { appealFormHref, renderAppealFormPage, type AppealLodgingState } from './appeal-form-page.js';
export { readAppealVotes } from './appeal-vote-form.js';
export {
  renderNewSessionPage,
  renderSessionsPage,
  type CommissionMemberChoice,
  type SessionFormState,
} from './commission-sessions-page.js';
export { renderSessionPage } from './commission-session-page.js';
export { SESSION_DONE, sessionDone, sessionHref, decisionHref, type SessionDone } from './commission-session-words.js';
export { decideAction, missingWords, renderDecidingPage, type DecidingDossier, type DecidingPageView } from './deciding-page.js';
export { formIssues, readDecision, readRecusals, recusalValues } from './deciding-form.js';
export { renderDecisionPage } from './decision-page.js';
