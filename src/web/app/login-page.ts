/** The sign-in page (GET/POST /entrar): username and password, a plain error, the username kept. */
import { layoutData } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import type { Flash } from './components.js';

export type LoginView = {
  username?: string;
  /** Where the form posts, keeping `?volver=`. */
  action: string;
  flash?: Flash;
  errors?: { username?: string; password?: string };
};

/** The form's address: /entrar, with the page to return to when there is one. */
export function loginAction(returnTo: string | null): string {
  return returnTo ? `/entrar?volver=${encodeURIComponent(returnTo)}` : '/entrar';
}

export function renderLoginPage(view: LoginView): string {
  return renderAppTemplate('login', {
    ...layoutData('Entrar', null),
    action: view.action,
    username: view.username ?? '',
    flash: view.flash ?? null,
    errors: view.errors ?? {},
  });
}
