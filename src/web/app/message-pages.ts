/**
 * Pages that only say something: refused (403), not found (404), could not be done (4xx with the
 * service's Spanish message), internal error (5xx, never with details), and "coming soon".
 * None of them shows anything of the record that was asked for.
 */
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';

type Message = { heading: string; text: string; advice?: string; back?: { href: string; text: string } };

function renderMessage(person: AppPerson | null, message: Message): string {
  const back =
    message.back ?? (person ? { href: '/app', text: 'Volver al inicio' } : { href: '/entrar', text: 'Ir a la página para entrar' });
  return renderAppTemplate('message', { ...layoutData(message.heading, person), advice: null, ...message, back });
}

/** 403: the person may not see or do this. */
export const renderRefusedPage = (person: AppPerson | null, reason?: string) =>
  renderMessage(person, {
    heading: 'No tiene permiso',
    text: reason ?? 'Su cuenta no tiene permiso para ver esta página o hacer esta acción.',
    advice: 'Si cree que debería poder, hable con su comité local o con quien administra Sello.',
  });

/** 404. */
export const renderNotFoundPage = (person: AppPerson | null) =>
  renderMessage(person, {
    heading: 'No encontramos esta página',
    text: 'La dirección no existe o el registro ya no está. Revise el enlace o vuelva al inicio.',
  });

/** A request the service refused with its own Spanish message (a conflict, a rule, too many attempts). */
export const renderCannotPage = (person: AppPerson | null, text: string) => renderMessage(person, { heading: 'No se pudo hacer', text });

/** 5xx: what happened stays in the server's log. */
export const renderErrorPage = (person: AppPerson | null) =>
  renderMessage(person, {
    heading: 'Algo salió mal',
    text: 'No pudimos completar la solicitud. Intente de nuevo en unos minutos; si vuelve a pasar, avise a quien administra Sello.',
  });
