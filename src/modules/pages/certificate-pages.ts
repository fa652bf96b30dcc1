/**
 * The commission's certificate pages under /app/comision/certificados: the list with its search
 * (GET form), one certificate, and the forms to suspend, reinstate and revoke it and to exclude a
 * member of a group certificate. Registered inside
 * `appPages` (pages-routes.ts): a session is required and errors are pages. Only those who may act
 * as the commission get past the gate, on every page and form, before a form is read.
 * Success answers 303 to the certificate with `?hecho=`; a refusal re-renders the form that was sent.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../domain/access.js';
import type { CertificateAct } from '../../domain/certificate-state.js';
import {
  ACT_PATH,
  CERTIFICATE_DONE_BY_ACT,
  certificateDoneFlash,
  formValues,
  renderCommissionCertificatePage,
  renderCommissionCertificatesPage,
  type AppPerson,
} from '../../web/app/app-pages.js';
import type { CertificateService } from '../certificates/certificate-service.js';
import type { SessionService } from '../commission/session-service.js';
import type { Db } from '../../db/client.js';
import { createCertificatePagesService } from './certificate-pages-service.js';
import { sendPage, type PageProblem } from './page-replies.js';
import { DoneQuerySchema, IdParamsSchema, ListQuerySchema, paragraphs } from './registry-forms.js';

export type CertificatePagesDeps = { db: Db; certificates: CertificateService; sessions: SessionService };

type Options = CertificatePagesDeps & {
  requirePerson: (request: { actor: Actor | null }) => { actor: Actor; person: AppPerson };
};

const html = { 200: z.string() };
const hide = true;

const emptyAsMissing = (value: unknown) => (value === '' ? undefined : value);
const Reason = paragraphs('Explique el motivo (al menos 10 caracteres)', 10, 4000);
const Session = z.uuid({ error: 'Elija la sesión en que la comisión lo acordó' });

/** The sanction chosen, when the catalogue in force offers one (the service checks it against the catalogue). */
const Sanction = z.preprocess(emptyAsMissing, z.string().max(60).optional());

const FORMS: Record<CertificateAct, z.ZodType<{ motivo: string; sesion?: string | undefined; sancion?: string | undefined }>> = {
  suspend: z.object({ motivo: Reason, sesion: z.preprocess(emptyAsMissing, Session.optional()), sancion: Sanction }),
  reinstate: z.object({ motivo: Reason, sesion: z.preprocess(emptyAsMissing, Session) }),
  revoke: z.object({
    motivo: Reason,
    sesion: z.preprocess(emptyAsMissing, Session),
    sancion: Sanction,
    confirmo: z.literal('si', { error: 'Marque la casilla para confirmar que la revocación es definitiva' }),
  }),
};

const ExclusionForm = z.object({ motivo: Reason, sesion: z.preprocess(emptyAsMissing, Session), sancion: Sanction });
const MemberParamsSchema = z.object({ id: z.uuid(), producerId: z.uuid() });

export const certificatePages: FastifyPluginAsyncZod<Options> = async (app, { requirePerson, ...deps }) => {
  const pages = createCertificatePagesService(deps);

  // The commission only, on every page and form here, before a form is read.
  app.addHook('onRequest', async (request) => {
    if (request.actor) pages.gate(request.actor);
  });

  app.get('/comision/certificados', { schema: { hide, querystring: ListQuerySchema, response: html } }, async (request, reply) => {
    const { actor, person } = requirePerson(request);
    const { q, pagina } = request.query;
    return sendPage(reply, 200, renderCommissionCertificatesPage({ list: pages.list(actor, { q, page: pagina }), q }, person));
  });

  app.get(
    '/comision/certificados/:id',
    { schema: { hide, params: IdParamsSchema, querystring: DoneQuerySchema, response: html } },
    async (request, reply) => {
      const { actor, person } = requirePerson(request);
      const page = pages.certificate(actor, request.params.id);
      return sendPage(reply, 200, renderCommissionCertificatePage(page, person, { flash: certificateDoneFlash(request.query.hecho) }));
    },
  );

  for (const act of ['suspend', 'reinstate', 'revoke'] as const) {
    const form = (request: FastifyRequest, problem: PageProblem) => {
      const { actor, person } = requirePerson(request);
      const page = pages.certificate(actor, (request.params as { id: string }).id);
      const state = { act, values: formValues(request.body), errors: problem.fields, message: problem.message };
      return renderCommissionCertificatePage(page, person, { form: state });
    };
    app.post(
      `/comision/certificados/:id/${ACT_PATH[act]}`,
      {
        schema: { hide, params: IdParamsSchema, body: FORMS[act], response: html },
        config: { pageForm: form },
        // A certificate that does not exist is a 404 page before the form is read (the form re-renders it).
        preValidation: async (request) => {
          pages.certificate(requirePerson(request).actor, request.params.id);
        },
      },
      async (request, reply) => {
        const { actor } = requirePerson(request);
        const { id } = request.params;
        pages.act(actor, id, act, { reason: request.body.motivo, sessionId: request.body.sesion, sanctionCode: request.body.sancion });
        return reply.redirect(`/app/comision/certificados/${id}?hecho=${CERTIFICATE_DONE_BY_ACT[act]}`, 303);
      },
    );
  }

  // One member of a group certificate excluded; a refusal re-renders the page with that member's form open.
  const memberForm = (request: FastifyRequest, problem: PageProblem) => {
    const { actor, person } = requirePerson(request);
    const { id, producerId } = request.params as { id: string; producerId: string };
    const page = pages.certificate(actor, id);
    const state = { producerId, values: formValues(request.body), errors: problem.fields, message: problem.message };
    return renderCommissionCertificatePage(page, person, { memberForm: state });
  };
  app.post(
    '/comision/certificados/:id/socios/:producerId/excluir',
    {
      schema: { hide, params: MemberParamsSchema, body: ExclusionForm, response: html },
      config: { pageForm: memberForm },
      preValidation: async (request) => {
        pages.certificate(requirePerson(request).actor, request.params.id);
      },
    },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      const { id, producerId } = request.params;
      pages.excludeMember(actor, id, producerId, {
        reason: request.body.motivo,
        sessionId: request.body.sesion,
        sanctionCode: request.body.sancion,
      });
      return reply.redirect(`/app/comision/certificados/${id}?hecho=excluido`, 303);
    },
  );
};
