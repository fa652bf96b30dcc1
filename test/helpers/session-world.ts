/**
 * A commission with seats before a dossier that can only be «aprobado con condiciones»: the visit
 * found the major criterion P1.01 not met and the committee agreed a corrective action with a
 * deadline. Every account is made through the real services; the titulares and suplentes have names.
 *
 * - `reviewerSits`: Rosa Mamani, who reviewed the visit, also sits on the commission as a titular,
 *   so the impartiality rules make her step aside;
 * - `technicianSits`: Ing. Luis Flores, the visit's technician, sits as a suplente and must step
 *   aside too, so no suplente is left to call in.
 */
import { seedUser, type TestUser } from './auth.js';
import { cycleToCommission } from './cycle.js';

export const TITULARES = ['Juana Vargas', 'Pedro Condori', 'Lucía Gutiérrez'];
export const SUPLENTES = ['Marta Rojas', 'Rubén Apaza'];
export const ACTION = 'Recalcular los costos y acordar el precio en asamblea';

export type SessionWorldOptions = {
  /** Titulares not involved in the dossier (named from TITULARES). */
  titulares?: number;
  /** Suplentes not involved in the dossier (named from SUPLENTES). */
  suplentes?: number;
  reviewerSits?: boolean;
  technicianSits?: boolean;
  /** Fixed clock for the app. */
  now?: () => Date;
};

export async function sessionWorld({
  titulares = 3,
  suplentes = 0,
  reviewerSits = false,
  technicianSits = false,
  now,
}: SessionWorldOptions = {}) {
  const c = await cycleToCommission({ answers: { 'P1.01': 'no_cumple' }, members: 0, ...(now ? { now } : {}) });
  const today = now ? now() : new Date();
  const deadline = new Date(today.getTime() + 60 * 86_400_000).toISOString().slice(0, 10);
  const action = await c.agreeAction(ACTION, deadline);
  await c.toCommission('approve_with_conditions');

  const member = (displayName: string, commissionSeat: 'titular' | 'suplente', personId: string | null = null) =>
    seedUser(c.app, { role: 'commission', displayName, commissionSeat, personId });
  const seated: TestUser[] = [];
  for (const name of TITULARES.slice(0, titulares)) seated.push(await member(name, 'titular'));
  const rosa = reviewerSits ? await member('Rosa Mamani', 'titular', c.reviewer) : null;
  const substitutes: TestUser[] = [];
  for (const name of SUPLENTES.slice(0, suplentes)) substitutes.push(await member(name, 'suplente'));
  const luis = technicianSits ? await member('Luis Flores', 'suplente', c.technician) : null;

  const secretary = seated[0]!;
  /** A session opened through the API by the secretary (no attendance unless given). */
  const openSession = async (body: Record<string, unknown> = {}) =>
    (
      await c.api
        .post('/api/v1/commission/sessions')
        .set(secretary.headers)
        .send({ heldOn: '2026-06-10', place: 'Sede de la Plataforma, La Paz', startsAt: '09:00', ...body })
        .expect(201)
    ).body as { id: string; number: string };

  return {
    ...c,
    action,
    openSession,
    /** The member who records the session: the first titular. */
    secretary,
    titulares: rosa ? [...seated, rosa] : seated,
    suplentes: luis ? [...substitutes, luis] : substitutes,
    rosa,
    luis,
  };
}
export type SessionWorld = Awaited<ReturnType<typeof sessionWorld>>;
